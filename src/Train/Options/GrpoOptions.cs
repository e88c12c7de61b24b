namespace Cai.Train.Options;

/// <summary>Options of the GRPO trainer, named after TRL's <c>GRPOConfig</c> (<c>num_generations</c> 8, <c>beta</c> 0, <c>loss_type</c> dapo).</summary>
public sealed record GrpoOptions : GroupRolloutOptions
{
    /// <summary>How the per-token losses are normalised (<c>loss_type</c>).</summary>
    /// <value>The default value is <see cref="GrpoLossType.Dapo"/>.</value>
    public GrpoLossType LossType { get; init; } = GrpoLossType.Dapo;

    /// <summary>What the centred rewards are divided by (<c>scale_rewards</c>).</summary>
    /// <value>The default value is <see cref="GrpoScaleRewards.Group"/>.</value>
    public GrpoScaleRewards ScaleRewards { get; init; } = GrpoScaleRewards.Group;

    /// <summary>The loss hyper-parameters for <see cref="GrpoLoss.Compute"/> on one micro-batch.</summary>
    /// <param name="numItemsInBatch">Completion tokens of the whole generation batch, which <see cref="GrpoLossType.Dapo"/> divides by.</param>
    public GrpoLossParameters ToLossParameters(double numItemsInBatch) =>
        new(LossType, Beta, Epsilon, EffectiveEpsilonHigh)
        {
            MaxCompletionLength = MaxCompletionLength,
            NumItemsInBatch = numItemsInBatch,
            GradientAccumulationSteps = GradientAccumulationSteps,
        };
}
