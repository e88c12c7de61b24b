namespace Cai.Train.Data;

/// <summary>Turns SFT and KTO examples into token ids with truncation and drop reasons in the report.</summary>
public static class CompletionDataset
{
    /// <summary>Tokenizes SFT examples (all labelled desirable).</summary>
    public static IReadOnlyList<TokenizedCompletion> Tokenize(IReadOnlyList<SftExample> examples, CompletionTokenizer tokenizer,
        SequenceLimits limits, DataReport report, string path) =>
        Tokenize(examples.Select(e => new KtoExample(e.Id, e.Line, e.Prompt, e.Completion, true)).ToArray(), tokenizer, limits, report, path);

    /// <summary>Tokenizes KTO examples, keeping each one's label.</summary>
    public static IReadOnlyList<TokenizedCompletion> Tokenize(IReadOnlyList<KtoExample> examples, CompletionTokenizer tokenizer,
        SequenceLimits limits, DataReport report, string path)
    {
        var result = new List<TokenizedCompletion>(examples.Count);
        foreach (var e in examples)
        {
            (int[] Prompt, int[] Completion)? encoded;
            // Text the token limits would cut anyway never reaches the tokenizer (a 50 MB line would take minutes).
            var prompt = limits.CapPrompt(e.Prompt, out var promptCapped);
            var completion = limits.CapCompletion(e.Completion, out var completionCapped);
            try
            {
                encoded = tokenizer.Encode(prompt, completion);
            }
            catch (Exception ex) when (ex is DataFieldException or ArgumentException)
            {
                report.Drop(path, e.Line, "bad conversation", ex.Message);
                continue;
            }

            if (encoded is not { } pc)
            {
                report.Drop(path, e.Line, "empty completion", "completion has no text");
                continue;
            }

            var (p, c, truncated) = limits.Apply(pc.Prompt, [pc.Completion]);
            if (c[0].Length == 0)
            {
                report.Drop(path, e.Line, "empty completion after truncation", $"prompt has {pc.Prompt.Length} tokens");
                continue;
            }

            if (truncated || promptCapped || completionCapped)
                report.CountTruncated();
            report.CountUsed();
            result.Add(new TokenizedCompletion(e.Id, p, c[0], e.Label));
        }

        return result;
    }
}
