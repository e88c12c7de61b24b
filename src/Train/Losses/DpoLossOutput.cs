using static TorchSharp.torch;

namespace Cai.Train.Losses;

/// <summary>Per-example losses and implicit rewards of a DPO-family loss, each of shape (B).</summary>
/// <param name="Losses">Per-example losses; the trainer takes their mean. Carries the gradient.</param>
/// <param name="ChosenRewards">Implicit rewards of the chosen completions, β·(log π_θ − log π_ref), detached (TRL's <c>rewards/chosen</c>).</param>
/// <param name="RejectedRewards">Implicit rewards of the rejected completions, detached (TRL's <c>rewards/rejected</c>).</param>
public sealed record DpoLossOutput(Tensor Losses, Tensor ChosenRewards, Tensor RejectedRewards)
{
    /// <summary>Chosen minus rejected reward per example, shape (B) (TRL's <c>rewards/margins</c> before the mean).</summary>
    public Tensor RewardMargins() => ChosenRewards - RejectedRewards;

    /// <summary>1 where the chosen reward beats the rejected one, else 0, shape (B) (TRL's <c>rewards/accuracies</c> before the mean).</summary>
    public Tensor RewardAccuracies() => ChosenRewards.gt(RejectedRewards).to_type(ChosenRewards.dtype);
}
