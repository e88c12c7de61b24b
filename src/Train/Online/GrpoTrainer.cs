namespace Cai.Train.Online;

/// <summary>
/// GRPO (Shao et al. 2024) as TRL's <c>GRPOTrainer</c> runs it: advantages (r − group mean) / (std + 1e-4) under
/// <c>scale_rewards</c>, a per-token clipped ratio, a k3 KL term when β &gt; 0, and the <c>loss_type</c>'s normaliser
/// (dapo divides by the whole generation batch's completion tokens). The math is <see cref="GrpoLoss"/>.
/// </summary>
/// <param name="policy">The model to train (also the sampler).</param>
/// <param name="options">GRPO options.</param>
public sealed class GrpoTrainer(CausalLanguageModel policy, GrpoOptions options) : GroupPolicyTrainer(policy, options)
{
    /// <inheritdoc />
    public override string Name => "grpo";

    /// <inheritdoc />
    protected override bool NeedsOldLogProbs => false;

    /// <inheritdoc />
    protected override Tensor Advantages(Tensor scores, GroupLogProbs logProbs, MetricSums sums)
    {
        var advantages = GrpoLoss.ComputeAdvantages(scores, options.NumGenerations, options.ScaleRewards);
        foreach (var metric in advantages.Metrics())
            sums.Add(metric.Key, metric.Value, 1);
        return advantages.Advantages;
    }

    /// <inheritdoc />
    protected override (Tensor Loss, double ClipRatio) MicroLoss(GroupMicroBatch micro, MetricSums sums)
    {
        var output = GrpoLoss.Compute(new GrpoLossInput(micro.Logps, micro.Advantages, micro.Mask)
        {
            OldPerTokenLogps = micro.OldLogps,
            RefPerTokenLogps = micro.RefLogps,
        }, options.ToLossParameters(micro.NumItemsInBatch));
        foreach (var metric in output.Metrics())
            sums.Add(metric.Key, metric.Value, 1);
        return (output.Loss, output.ClipRatio.ToDouble());
    }
}
