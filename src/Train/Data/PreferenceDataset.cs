namespace Cai.Train.Data;

/// <summary>Turns read preference pairs into token ids, truncating and dropping as TRL does and counting both in the report.</summary>
public static class PreferenceDataset
{
    /// <summary>Tokenizes <paramref name="examples"/>; pairs whose completion would be empty are dropped with a reason.</summary>
    /// <param name="examples">Pairs from <see cref="PreferenceDataReader"/>.</param>
    /// <param name="tokenizer">Chat format + tokenizer.</param>
    /// <param name="limits">Token limits.</param>
    /// <param name="report">Receives truncation and drop counts.</param>
    /// <param name="path">The source file, for the report's <c>file:line</c> entries.</param>
    public static IReadOnlyList<TokenizedPair> Tokenize(IReadOnlyList<PreferenceExample> examples, CompletionTokenizer tokenizer,
        SequenceLimits limits, DataReport report, string path)
    {
        var pairs = new List<TokenizedPair>(examples.Count);
        foreach (var e in examples)
        {
            (int[] Prompt, int[] Completion)? chosen, rejected;
            // Text the token limits would cut anyway never reaches the tokenizer (a 50 MB line would take minutes).
            var promptTurns = limits.CapPrompt(e.Prompt, out var promptCapped);
            var chosenTurns = limits.CapCompletion(e.Chosen, out var chosenCapped);
            var rejectedTurns = limits.CapCompletion(e.Rejected, out var rejectedCapped);
            try
            {
                (chosen, rejected) = (tokenizer.Encode(promptTurns, chosenTurns), tokenizer.Encode(promptTurns, rejectedTurns));
            }
            catch (Exception ex) when (ex is DataFieldException or ArgumentException)
            {
                report.Drop(path, e.Line, "bad conversation", ex.Message);
                continue;
            }

            if (chosen is null || rejected is null)
            {
                report.Drop(path, e.Line, "empty completion", chosen is null ? "chosen has no text" : "rejected has no text");
                continue;
            }

            // Both completions follow the same prompt turns, which the tokenizer encodes on their own: the ids are shared.
            var prompt = chosen.Value.Prompt;
            var (p, c, truncated) = limits.Apply(prompt, [chosen.Value.Completion, rejected.Value.Completion]);
            if (c[0].Length == 0 || c[1].Length == 0)
            {
                report.Drop(path, e.Line, "empty completion after truncation", $"prompt has {prompt.Length} tokens");
                continue;
            }

            if (truncated || promptCapped || chosenCapped || rejectedCapped)
                report.CountTruncated();
            report.CountUsed();
            if (e.LabelProb is { } labelProb)
                report.CountLabelProb(labelProb);
            pairs.Add(new TokenizedPair(e.Id, p, c[0], c[1], e.LabelProb ?? 1.0, e.Margin));
        }

        return pairs;
    }
}
