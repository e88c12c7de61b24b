using static TorchSharp.torch;

namespace Cai.Models.Scoring;

/// <summary>
/// Log-probabilities of completions given prompts, the quantity DPO and reward modelling are built on
/// (Rafailov et al. 2023, arXiv 2305.18290, eq. 7 uses log pi(y|x) = sum_t log pi(y_t | x, y_&lt;t)).
/// </summary>
public sealed class SequenceScorer(CausalLanguageModel model)
{
    /// <summary>
    /// Per-token log-probabilities of the completion tokens, differentiable (call under no_grad for reference passes).
    /// Works for left- or right-padded batches: positions follow <paramref name="attentionMask"/>.
    /// </summary>
    /// <param name="model">The model to score with.</param>
    /// <param name="inputIds">(B, T) int64 prompt + completion ids, padded.</param>
    /// <param name="attentionMask">(B, T) bool, true for real tokens.</param>
    /// <param name="completionMask">(B, T) bool, true for completion tokens (a subset of the real ones).</param>
    /// <returns>(B, T - 1) float: entry t is log p(ids[t + 1] | ids[..t]) where ids[t + 1] is a completion token, else 0.</returns>
    public static Tensor TokenLogProbs(CausalLanguageModel model, Tensor inputIds, Tensor attentionMask, Tensor completionMask)
    {
        using var scope = NewDisposeScope();
        return Compute(model, inputIds, attentionMask, completionMask).LogProbs.MoveToOuterDisposeScope();
    }

    /// <returns>Completion log-probs (B, T-1) and whether each target was the argmax (B, T-1).</returns>
    static (Tensor LogProbs, Tensor GreedyHits) Compute(CausalLanguageModel model, Tensor inputIds, Tensor attentionMask, Tensor completionMask)
    {
        var real = attentionMask.to(ScalarType.Bool);
        var positions = real.to(ScalarType.Int64).cumsum(1).sub(KeptScalars.One).clamp_min(KeptScalars.Zero);      // (B, T)
        var padded = real.logical_not().any().item<bool>();
        var logits = model.Forward(inputIds, positions, padded ? real : null);        // (B, T, V)
        var logp = logits[.., ..^1].log_softmax(-1);                                    // (B, T-1, V)
        var targets = inputIds[.., 1..].unsqueeze(-1);                                  // (B, T-1, 1)
        var tokenLogp = logp.gather(-1, targets).squeeze(-1);                           // (B, T-1)
        var keep = completionMask[.., 1..].to(ScalarType.Bool).logical_and(real[.., 1..]);
        var greedy = logits[.., ..^1].argmax(-1).eq(inputIds[.., 1..]);                  // (B, T-1)
        return (tokenLogp.where(keep, zeros_like(tokenLogp)), greedy);
    }

    /// <summary>Scores a batch of (prompt ids, completion ids) pairs in one right-padded forward pass.</summary>
    /// <exception cref="ArgumentException">A prompt or completion is empty, or a pair is longer than the context.</exception>
    public IReadOnlyList<SequenceScore> Score(IReadOnlyList<(IReadOnlyList<int> Prompt, IReadOnlyList<int> Completion)> pairs)
    {
        if (pairs.Count == 0)
            return [];
        for (var i = 0; i < pairs.Count; i++)
            if (pairs[i].Prompt.Count == 0 || pairs[i].Completion.Count == 0
                || pairs[i].Prompt.Count + pairs[i].Completion.Count > model.MaxLength)
                throw new ArgumentException(
                    $"Pair {i}: prompt ({pairs[i].Prompt.Count} tokens) and completion ({pairs[i].Completion.Count}) " +
                    $"must both be non-empty and fit the model's {model.MaxLength}-token context.", nameof(pairs));
        var t = pairs.Max(p => p.Prompt.Count + p.Completion.Count);
        var (ids, real, completion) = (new long[pairs.Count * t], new bool[pairs.Count * t], new bool[pairs.Count * t]);
        for (var b = 0; b < pairs.Count; b++)
        {
            var all = pairs[b].Prompt.Concat(pairs[b].Completion).ToArray();
            for (var i = 0; i < all.Length; i++)
                (ids[b * t + i], real[b * t + i], completion[b * t + i]) = (all[i], true, i >= pairs[b].Prompt.Count);
        }
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var device = model.Device;
        var inputIds = tensor(ids, [pairs.Count, t], device: device);                    // (B, T)
        var (tokenLogp, greedy) = Compute(model, inputIds, tensor(real, [pairs.Count, t], device: device),
            tensor(completion, [pairs.Count, t], device: device));                      // (B, T-1) each
        (tokenLogp, greedy) = (tokenLogp.cpu(), greedy.cpu());
        return pairs.Select((p, b) =>
        {
            var start = p.Prompt.Count - 1;
            var values = tokenLogp[b, start..(start + p.Completion.Count)].data<float>().ToArray();
            var isGreedy = greedy[b, start..(start + p.Completion.Count)].all().item<bool>();
            return new SequenceScore(values.Sum(v => (double)v), values, isGreedy);
        }).ToArray();
    }
}
