namespace Cai.Train.Losses;

/// <summary>What GRPO divides the centred rewards by (TRL's <c>GRPOConfig.scale_rewards</c>).</summary>
public enum GrpoScaleRewards
{
    /// <summary>The standard deviation of the prompt's group (Shao et al. 2024, "DeepSeekMath", §4.1.2). TRL: <c>"group"</c>, the default.</summary>
    Group,

    /// <summary>The standard deviation of the whole generation batch (Hu et al. 2025, REINFORCE++ style). TRL: <c>"batch"</c>.</summary>
    Batch,

    /// <summary>
    /// Nothing: advantages are only centred, which removes the question-difficulty bias (Liu et al. 2025, Dr. GRPO, §3.1).
    /// TRL: <c>"none"</c>.
    /// </summary>
    None,
}
