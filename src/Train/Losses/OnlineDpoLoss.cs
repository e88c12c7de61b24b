using static System.FormattableString;

namespace Cai.Train.Losses;

/// <summary>
/// Online DPO (Guo et al. 2024, "Direct Language Model Alignment from Online AI Feedback", Algorithm 1): two completions
/// per prompt are sampled from the current policy, a judge or reward picks the chosen one, and the DPO loss is taken
/// against the frozen reference. Written as TRL's <c>OnlineDPOTrainer.training_step</c> does it.
/// </summary>
/// <remarks>
/// Batches are half-major as in TRL: rows 0 … N − 1 are each prompt's first completion and rows N … 2N − 1 its second.
/// </remarks>
public static class OnlineDpoLoss
{
    /// <summary>
    /// Which completion of each pair is preferred, from scores: the first when its score is at least the second's. The
    /// scores already carry <c>missing_eos_penalty</c> (<see cref="Online.RolloutPlan.Penalise"/>).
    /// </summary>
    /// <param name="scores">One score per completion, shape (2N).</param>
    /// <returns>A (N) bool tensor, true where the first completion is chosen.</returns>
    public static Tensor PreferByScore(Tensor scores)
    {
        var n = (int)HalfLength(scores, nameof(scores));
        var detached = scores.detach(); // (2N)
        return detached[..n].ge(detached[n..]);
    }

    /// <summary>The online DPO loss of a batch of pairs.</summary>
    /// <param name="type"><see cref="DpoLossType.Sigmoid"/> or <see cref="DpoLossType.Ipo"/>, the two TRL's online DPO offers.</param>
    /// <param name="sequenceLogps">Σ_t log π_θ over each completion's real tokens, shape (2N); carries the gradient.</param>
    /// <param name="refSequenceLogps">The same sums under the frozen reference, shape (2N).</param>
    /// <param name="firstIsChosen">From <see cref="PreferByScore"/> or a pairwise judge, shape (N).</param>
    /// <param name="beta">β &gt; 0 (<c>beta</c>).</param>
    /// <returns>Per-pair losses and TRL's implicit rewards.</returns>
    public static OnlineDpoLossOutput Compute(DpoLossType type, Tensor sequenceLogps, Tensor refSequenceLogps, Tensor firstIsChosen,
        double beta)
    {
        var n = HalfLength(sequenceLogps, nameof(sequenceLogps));
        TensorShapes.RequireSame(refSequenceLogps, nameof(refSequenceLogps), sequenceLogps, nameof(sequenceLogps));
        if (firstIsChosen.dim() != 1 || firstIsChosen.shape[0] != n)
        {
            throw new ArgumentException(Invariant($"firstIsChosen must have shape [{n}] (got [{string.Join(", ", firstIsChosen.shape)}])"), nameof(firstIsChosen));
        }

        if (type is not (DpoLossType.Sigmoid or DpoLossType.Ipo))
        {
            throw new ArgumentException(Invariant($"online DPO supports loss_type sigmoid and ipo (got {type})"), nameof(type));
        }

        // TRL: chosen_indices = batch_range + (~mask * N), rejected_indices = batch_range + (mask * N).
        var range = arange(n, dtype: ScalarType.Int64, device: sequenceLogps.device); // (N)
        var firstChosen = firstIsChosen.to_type(ScalarType.Int64); // (N)
        var chosen = range + (1 - firstChosen) * n; // (N)
        var rejected = range + firstChosen * n; // (N)
        var (policyChosen, policyRejected) = (sequenceLogps.index_select(0, chosen), sequenceLogps.index_select(0, rejected));
        var reference = refSequenceLogps.detach();
        var (refChosen, refRejected) = (reference.index_select(0, chosen), reference.index_select(0, rejected));
        // Online DPO applies the offline loss to on-policy pairs on summed log-probs for both variants (TRL's
        // OnlineDPOTrainer); token counts of 1 keep DpoLoss's IPO on the sums instead of per-token means.
        var ones = ones_like(policyChosen);
        var output = DpoLoss.Compute(type, new DpoLossInput(policyChosen, policyRejected, refChosen, refRejected)
        {
            ChosenTokenCounts = ones,
            RejectedTokenCounts = ones,
        }, new DpoLossParameters(beta));
        return new OnlineDpoLossOutput(output.Losses, chosen, rejected, output.ChosenRewards, output.RejectedRewards);
    }

    private static long HalfLength(Tensor values, string name)
    {
        if (values.dim() != 1 || values.shape[0] % 2 != 0 || values.shape[0] == 0)
        {
            throw new ArgumentException(Invariant($"{name} must be a vector of 2N values, first completions then second (got shape [{string.Join(", ", values.shape)}])"), name);
        }

        return values.shape[0] / 2;
    }
}

/// <summary>Online DPO's losses and implicit rewards for N pairs.</summary>
/// <param name="Losses">Per-pair losses, shape (N); the trainer takes their mean. Carries the gradient.</param>
/// <param name="ChosenIndices">Row of each pair's chosen completion in the (2N) batch.</param>
/// <param name="RejectedIndices">Row of each pair's rejected completion.</param>
/// <param name="ChosenRewards">β·(log π_θ − log π_ref) of the chosen completions, detached (TRL's <c>rewards/chosen</c>).</param>
/// <param name="RejectedRewards">The same for the rejected completions (TRL's <c>rewards/rejected</c>).</param>
public sealed record OnlineDpoLossOutput(Tensor Losses, Tensor ChosenIndices, Tensor RejectedIndices, Tensor ChosenRewards,
    Tensor RejectedRewards)
{
    /// <summary>The batch means under TRL's names (<c>rewards/chosen</c>, ..., <c>rewards/accuracies</c>), read for logging;
    /// with <paramref name="weights"/> (N), the weighted means (the trainer gives tied pairs weight 0).</summary>
    public IEnumerable<KeyValuePair<string, double>> Metrics(Tensor? weights = null)
    {
        var w = weights ?? ones_like(ChosenRewards);
        double Mean(Tensor values) => ((values * w).sum() / w.sum()).ToDouble();
        return
        [
            new("rewards/chosen", Mean(ChosenRewards)),
            new("rewards/rejected", Mean(RejectedRewards)),
            new("rewards/margins", Mean(ChosenRewards - RejectedRewards)),
            new("rewards/accuracies", Mean(ChosenRewards.gt(RejectedRewards).to_type(ChosenRewards.dtype))),
        ];
    }
}
