using Cai.Models.Tokenizers;

namespace Cai.Models.Generation;

/// <summary>Bookkeeping of one sequence while it is generated: its tokens, stop checks and finish reason.</summary>
internal sealed class GenerationRow(int promptIndex, int sampleIndex, IReadOnlyList<int> prompt, int maxNewTokens)
{
    readonly List<int> ids = [];
    readonly List<float> logProbs = [];
    readonly List<IReadOnlyList<TokenLogProb>> topLogProbs = [];
    string? stoppedText;
    string? promptText;
    int sentChars;
    int sentTokens;

    public int PromptIndex => promptIndex;
    public int SampleIndex => sampleIndex;
    public IReadOnlyList<int> Prompt => prompt;
    public IReadOnlyList<int> Ids => ids;

    /// <summary>Tokens the row may add at most.</summary>
    public int MaxNewTokens => maxNewTokens;

    /// <summary>The last token fed to the model (the prompt's last one before the first step).</summary>
    public int LastToken { get; private set; } = prompt[^1];

    public FinishReason? Finished { get; private set; }

    /// <summary>The stop token that ended the row (not among <see cref="Ids"/>); null when none did.</summary>
    public int? StopTokenId { get; private set; }

    /// <summary>
    /// Takes the sampled token; marks the row finished on a stop token, a stop string or its last allowed token.
    /// Returns whether the token became part of the output.
    /// </summary>
    public bool Accept(int id, float logProb, IReadOnlyList<TokenLogProb>? alternatives,
        ITextTokenizer tokenizer, GenerationOptions options, IReadOnlySet<int> stopIds)
    {
        if (stopIds.Contains(id) || options.StopTokenIds.Contains(id))
        {
            Finished = FinishReason.Stop;
            StopTokenId = id;
            return false;
        }
        ids.Add(id);
        LastToken = id;
        logProbs.Add(logProb);
        if (alternatives is not null)
            topLogProbs.Add(alternatives);
        if (options.StopStrings.Count > 0)
        {
            var text = Continuation(tokenizer);
            var cut = options.StopStrings.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0)
                .DefaultIfEmpty(-1).Min();
            if (cut >= 0)
            {
                stoppedText = text[..cut];
                Finished = FinishReason.Stop;
                return true;
            }
        }
        if (ids.Count >= maxNewTokens)
            Finished = FinishReason.Length;
        return true;
    }

    /// <summary>The text so far that no later token can take back: cut before a stop string when one was found,
    /// otherwise without a tail that could still grow into one.</summary>
    public string StableText(ITextTokenizer tokenizer, GenerationOptions options)
    {
        if (stoppedText is not null)
            return stoppedText;
        var text = Continuation(tokenizer);
        if (Finished is not null)
            return text;
        var hold = 0;
        foreach (var stop in options.StopStrings)
            for (var n = Math.Min(stop.Length - 1, text.Length); n > hold; n--)
                if (text.EndsWith(stop[..n], StringComparison.Ordinal))
                {
                    hold = n;
                    break;
                }
        // A token may end inside a multi-byte character that the next token completes.
        var stable = text[..^hold];
        return stable.Length > 0 && stable[^1] == '\uFFFD' ? stable[..^1] : stable;
    }

    /// <summary>
    /// The output not yet reported: stable text beyond what earlier deltas held (all of the final text once the row
    /// finished) and the tokens decoded since; null while nothing new is stable.
    /// </summary>
    public TextDelta? TakeDelta(int row, ITextTokenizer tokenizer, GenerationOptions options)
    {
        var text = Finished is null ? StableText(tokenizer, options) : stoppedText ?? Continuation(tokenizer);
        if (text.Length <= sentChars && (Finished is null || sentTokens == ids.Count))
            return null;
        var delta = new TextDelta(row, text.Length > sentChars ? text[sentChars..] : "", ids[sentTokens..],
            options.ReturnLogProbs ? logProbs[sentTokens..] : null,
            options.TopLogProbs > 0 ? topLogProbs[sentTokens..] : null);
        (sentChars, sentTokens) = (Math.Max(sentChars, text.Length), ids.Count);
        return delta;
    }

    string Continuation(ITextTokenizer tokenizer) =>
        TokenText.Continuation(tokenizer, prompt, promptText ??= tokenizer.Decode(prompt), ids);

    /// <summary>Ends a row that ran out of room.</summary>
    public void Truncate() => Finished ??= FinishReason.Length;

    public GeneratedSequence ToResult(ITextTokenizer tokenizer, GenerationOptions options) =>
        new(promptIndex, sampleIndex, ids.ToArray(),
            stoppedText ?? Continuation(tokenizer), Finished ?? FinishReason.Length)
        {
            LogProbs = options.ReturnLogProbs ? logProbs.ToArray() : null,
            TopLogProbs = options.TopLogProbs > 0 ? topLogProbs.ToArray() : null,
            StopTokenId = StopTokenId,
        };
}
