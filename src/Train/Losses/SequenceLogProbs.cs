namespace Cai.Train.Losses;

/// <summary>Turns a causal LM's logits into per-sequence log-probs of given target tokens (TRL's <c>get_batch_logps</c>).</summary>
public static class SequenceLogProbs
{
    /// <summary>Sums the log-probs of the masked target tokens of each sequence.</summary>
    /// <param name="logits">The model's output for the full sequence, shape (B, T, V).</param>
    /// <param name="labels">The full token ids, shape (B, T), int64; values at masked-out positions are ignored (may be −100).</param>
    /// <param name="mask">
    /// Which tokens of <paramref name="labels"/> are targets (e.g. the assistant's completion), shape (B, T), bool.
    /// </param>
    /// <returns>The per-sequence sums and token counts.</returns>
    /// <remarks>
    /// Shift by one: the token at position t is predicted by the logits at position t − 1, so logits[:, :-1] are
    /// scored against labels[:, 1:] under mask[:, 1:]; mask[:, 0] is never used (nothing predicts the first token).
    /// </remarks>
    public static SequenceLogProbsOutput Gather(Tensor logits, Tensor labels, Tensor mask)
    {
        CheckShapes(logits, labels, mask);
        var time = logits.shape[1];
        var predicting = logits[.., ..(int)(time - 1), ..]; // (B, T-1, V)
        var targetMask = mask[.., 1..]; // (B, T-1)
        var targets = labels[.., 1..].masked_fill(targetMask.logical_not(), 0L); // (B, T-1)
        if (predicting.dtype is ScalarType.Float16 or ScalarType.BFloat16)
        {
            predicting = predicting.to_type(ScalarType.Float32); // half precision loses too much in logsumexp
        }

        // log_softmax(x)[y] = x[y] − logsumexp(x): gathering first avoids materialising a second (B, T-1, V) tensor.
        var targetLogits = predicting.gather(-1, targets.unsqueeze(-1)).squeeze(-1); // (B, T-1)
        var tokenLogProbs = targetLogits - predicting.logsumexp(-1); // (B, T-1)
        var weights = targetMask.to_type(tokenLogProbs.dtype); // (B, T-1)
        return new SequenceLogProbsOutput((tokenLogProbs * weights).sum(-1), weights.sum(-1));
    }

    private static void CheckShapes(Tensor logits, Tensor labels, Tensor mask)
    {
        if (logits.ndim != 3)
        {
            throw new ArgumentException($"logits must have shape (B, T, V) (got [{string.Join(", ", logits.shape)}])", nameof(logits));
        }

        var expected = logits.shape[..2];
        if (!labels.shape.SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"labels must have shape ({expected[0]}, {expected[1]}) like logits (got [{string.Join(", ", labels.shape)}])", nameof(labels));
        }

        if (!mask.shape.SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"mask must have shape ({expected[0]}, {expected[1]}) like logits (got [{string.Join(", ", mask.shape)}])", nameof(mask));
        }

        if (labels.dtype != ScalarType.Int64 || mask.dtype != ScalarType.Bool)
        {
            throw new ArgumentException($"labels must be int64 and mask bool (got {labels.dtype} and {mask.dtype})", nameof(labels));
        }
    }
}

/// <summary>Per-sequence log-probs of the target tokens, as <see cref="SequenceLogProbs.Gather"/> returns them.</summary>
/// <param name="Summed">Σ_t log p(labels[t] | labels[&lt;t]) over the masked target tokens, shape (B); float32 for half-precision logits, else the logits' dtype.</param>
/// <param name="TokenCounts">How many target tokens each sequence has, shape (B); float32 for half-precision logits, else the logits' dtype.</param>
public sealed record SequenceLogProbsOutput(Tensor Summed, Tensor TokenCounts);
