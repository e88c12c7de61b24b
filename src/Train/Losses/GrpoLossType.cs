namespace Cai.Train.Losses;

/// <summary>
/// How GRPO's per-token losses are normalised into one loss (TRL's <c>GRPOConfig.loss_type</c>); the cases are the branches
/// of TRL's <c>GRPOTrainer._compute_loss</c>, dispatched in <see cref="GrpoLoss.Compute"/>.
/// </summary>
public enum GrpoLossType
{
    /// <summary>
    /// Mean over each sequence's tokens, then over sequences (Shao et al. 2024, "DeepSeekMath", Eq. 3). Biased towards
    /// short answers when advantages are positive and long ones when negative. TRL: <c>"grpo"</c>.
    /// </summary>
    Grpo,

    /// <summary>Sum over the micro-batch's tokens divided by its token count (batch-normalised). TRL: <c>"bnpo"</c>.</summary>
    Bnpo,

    /// <summary>
    /// Sum over tokens divided by a constant, sequences × <c>max_completion_length</c> (Liu et al. 2025, "Understanding
    /// R1-Zero-Like Training: A Critical Perspective", §3.1). TRL: <c>"dr_grpo"</c>.
    /// </summary>
    DrGrpo,

    /// <summary>
    /// Sum over tokens divided by the completion tokens of the whole generation batch, across accumulated micro-batches
    /// (Yu et al. 2025, "DAPO", Eq. 12, token-level policy-gradient loss). TRL's default: <c>"dapo"</c>.
    /// </summary>
    Dapo,
}
