using Cai.Models.Tokenizers;

namespace Cai.Models.Generation;

/// <summary>Bookkeeping of one sequence while a batch is generated: its tokens, stop checks and finish reason.</summary>
internal sealed class GenerationRow(int promptIndex, int sampleIndex, IReadOnlyList<int> prompt)
{
    readonly List<int> ids = [];
    readonly List<float> logProbs = [];
    readonly List<IReadOnlyList<TokenLogProb>> topLogProbs = [];
    string? stoppedText;

    public IReadOnlyList<int> Prompt => prompt;
    public FinishReason? Finished { get; private set; }

    /// <summary>Takes the sampled token; marks the row finished on a stop token or stop string.</summary>
    public void Accept(int id, float logProb, IReadOnlyList<TokenLogProb>? alternatives,
        ITextTokenizer tokenizer, GenerationOptions options)
    {
        if (id == tokenizer.EosId || options.StopTokenIds.Contains(id))
        {
            Finished = FinishReason.Stop;
            return;
        }
        ids.Add(id);
        logProbs.Add(logProb);
        if (alternatives is not null)
            topLogProbs.Add(alternatives);
        if (options.StopStrings.Count == 0)
            return;
        var text = TokenText.Continuation(tokenizer, prompt, ids);
        var cut = options.StopStrings.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0)
            .DefaultIfEmpty(-1).Min();
        if (cut >= 0)
        {
            stoppedText = text[..cut];
            Finished = FinishReason.Stop;
        }
    }

    /// <summary>Ends a row that ran out of room.</summary>
    public void Truncate() => Finished ??= FinishReason.Length;

    public GeneratedSequence ToResult(ITextTokenizer tokenizer, GenerationOptions options) =>
        new(promptIndex, sampleIndex, ids.ToArray(),
            stoppedText ?? TokenText.Continuation(tokenizer, prompt, ids), Finished ?? FinishReason.Length)
        {
            LogProbs = options.ReturnLogProbs ? logProbs.ToArray() : null,
            TopLogProbs = options.TopLogProbs > 0 ? topLogProbs.ToArray() : null,
        };
}
