using Cai.Models.Generation;
using Cai.Models.Tokenizers;
using static TorchSharp.torch;

namespace Cai.Models.Scoring;

/// <summary>
/// Text-level scoring as lm-evaluation-harness does it: prompt + completion are tokenized as one text and the
/// completion is whatever follows the prompt's own tokens; plus next-token alternatives for multiple-choice judging.
/// </summary>
public sealed class TextScorer(CausalLanguageModel model, ITextTokenizer tokenizer)
{
    readonly SequenceScorer scorer = new(model);
    readonly TokenText tokenText = new(tokenizer);

    /// <summary>Log-probability of <paramref name="completion"/> after <paramref name="prompt"/>.</summary>
    /// <exception cref="ArgumentException">The completion adds no tokens.</exception>
    public SequenceScore Score(string prompt, string completion) => ScoreBatch([(prompt, completion)])[0];

    /// <summary>Scores several (prompt, completion) texts in one batch.</summary>
    /// <exception cref="ArgumentException">A completion adds no tokens.</exception>
    public IReadOnlyList<SequenceScore> ScoreBatch(IReadOnlyList<(string Prompt, string Completion)> texts) =>
        ScoreBatch(texts, null);

    /// <summary>
    /// Scores several (prompt, completion) texts in one batch, each completion followed by its
    /// <paramref name="endTokens"/> entry when that is not null: the stop token that ended a sampled completion is
    /// part of what the model chose, so the sequence's probability (and a KL between two models) includes it.
    /// </summary>
    /// <exception cref="ArgumentException">A completion adds no tokens, or the lists differ in length.</exception>
    public IReadOnlyList<SequenceScore> ScoreBatch(IReadOnlyList<(string Prompt, string Completion)> texts,
        IReadOnlyList<int?>? endTokens)
    {
        if (endTokens is not null && endTokens.Count != texts.Count)
            throw new ArgumentException($"{texts.Count} texts but {endTokens.Count} end tokens.", nameof(endTokens));
        var pairs = texts.Select((t, i) =>
        {
            var promptIds = tokenizer.Encode(t.Prompt, addBos: true);
            var allIds = tokenizer.Encode(t.Prompt + t.Completion, addBos: true);
            if (allIds.Count <= promptIds.Count)
                throw new ArgumentException(
                    $"Text {i}: completion \"{t.Completion}\" adds no tokens after the prompt.", nameof(texts));
            // BPE may merge across the boundary; the split point stays "after as many tokens as the prompt alone has".
            var split = Math.Max(1, Math.Min(promptIds.Count, allIds.Count - 1));
            var completion = allIds.Skip(split);
            if (endTokens?[i] is int end)
                completion = completion.Append(end);
            return ((IReadOnlyList<int>)allIds.Take(split).ToArray(), (IReadOnlyList<int>)completion.ToArray());
        }).ToArray();
        return scorer.Score(pairs);
    }

    /// <summary>The <paramref name="k"/> most likely next tokens after <paramref name="prompt"/>, most likely first.</summary>
    public IReadOnlyList<TokenLogProb> NextTokenLogProbs(string prompt, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var ids = tokenizer.Encode(prompt, addBos: true);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var input = tensor(ids.Select(i => (long)i).ToArray(), device: model.Device).unsqueeze(0); // (1, T)
        var logp = model.Forward(input)[0, ^1].log_softmax(-1);                                      // (V)
        var (values, indices) = logp.topk(Math.Min(k, (int)logp.shape[0]));
        var (v, ix) = (values.cpu().data<float>().ToArray(), indices.cpu().data<long>().ToArray());
        return ix.Select((id, j) => new TokenLogProb((int)id, tokenText.Of((int)id), v[j])).ToArray();
    }
}
