using Cai.Core.Options;

namespace Cai.Train.Options;

/// <summary>
/// What the options of every online trainer (PPO, RLOO, GRPO, online DPO) share beyond <see cref="TrainingOptions"/>:
/// the rollouts are sampled from the policy at a temperature. Each trainer's record sets TRL's default for it.
/// </summary>
public abstract record OnlineOptions : TrainingOptions
{
    /// <summary>
    /// Sampling temperature of the rollouts (<c>temperature</c>); PPO, RLOO and GRPO recompute log-probs from logits
    /// divided by it.
    /// </summary>
    /// <value>The default value is 0.7 for PPO (TRL's <c>OnPolicyConfig</c>), 1.0 for RLOO and GRPO, 0.9 for online DPO.</value>
    [Positive]
    public double Temperature { get; init; } = 1.0;
}
