namespace Cai.Train.Online;

/// <summary>
/// RLOO (Ahmadian et al. 2024) as TRL's <c>RLOOTrainer</c> runs it: the score minus β times the sequence's KL to the
/// reference, a leave-one-out baseline over the other k − 1 samples, and a sequence-level importance ratio clipped at
/// ε. The math is <see cref="RlooLoss"/>.
/// </summary>
/// <param name="policy">The model to train (also the sampler).</param>
/// <param name="options">RLOO options.</param>
public sealed class RlooTrainer(CausalLanguageModel policy, RlooOptions options) : GroupPolicyTrainer(policy, options)
{
    /// <inheritdoc />
    public override string Name => "rloo";

    /// <inheritdoc />
    protected override bool NeedsOldLogProbs => options.Beta > 0; // the KL penalty is taken under the sampling policy

    /// <inheritdoc />
    protected override Tensor Advantages(Tensor scores, GroupLogProbs logProbs, MetricSums sums)
    {
        Tensor? sequenceKl = null;
        if (logProbs.Reference is not null)
        {
            sequenceKl = RlooLoss.SequenceKl(logProbs.Old!, logProbs.Reference, logProbs.Mask);
            sums.Add("kl", RlooLoss.TokenMeanKl(logProbs.Old!, logProbs.Reference, logProbs.Mask).ToDouble(), 1);
        }

        var advantages = RlooLoss.ComputeAdvantages(scores, sequenceKl, options.NumGenerations, options.Beta, options.NormalizeAdvantages);
        foreach (var metric in advantages.Metrics())
            sums.Add(metric.Key, metric.Value, 1);
        return advantages.Advantages;
    }

    /// <inheritdoc />
    protected override (Tensor Loss, double ClipRatio) MicroLoss(GroupMicroBatch micro, MetricSums sums)
    {
        var sequence = (micro.Logps * micro.Mask).sum(-1); // (b)
        var old = micro.OldLogps is null ? sequence.detach() : (micro.OldLogps * micro.Mask).sum(-1);
        var output = RlooLoss.Compute(sequence, old, micro.Advantages, options.Epsilon, options.EffectiveEpsilonHigh);
        foreach (var metric in output.Metrics())
            sums.Add(metric.Key, metric.Value, 1);
        return (output.Loss * micro.Share, output.ClipRatioRegion.ToDouble()); // the mean over the generation batch
    }
}
