using Cai.Core.Options;

namespace Cai.Train.Options;

/// <summary>
/// Options of the reward-model trainer, named after TRL's <c>RewardConfig</c>. The learning rate keeps
/// TrainingArguments' 5e-5; newer TRL releases may set a different default for <c>RewardConfig</c> (not verified here).
/// </summary>
public sealed record RewardOptions : TrainingOptions
{
    /// <summary>Maximum tokens of prompt plus completion; null means no limit (<c>max_length</c>).</summary>
    /// <value>The default value is 1024.</value>
    [Positive]
    public int? MaxLength { get; init; } = 1024;

    /// <summary>
    /// Weight of the auxiliary loss that pushes rewards towards zero mean; null disables it
    /// (<c>center_rewards_coefficient</c>; Eisenstein et al. 2023 suggest 0.01).
    /// </summary>
    /// <value>The default value is null.</value>
    [NonNegative]
    public double? CenterRewardsCoefficient { get; init; }
}
