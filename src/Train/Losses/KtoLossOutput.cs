using static TorchSharp.torch;

namespace Cai.Train.Losses;

/// <summary>Result of <see cref="KtoLoss.Compute"/>.</summary>
/// <param name="Losses">Weighted per-example losses, desirable examples first then undesirable ones, shape (Nc + Nr).</param>
/// <param name="ChosenRewards">β·(log π_θ − log π_ref) of the desirable examples, detached, shape (Nc).</param>
/// <param name="RejectedRewards">β·(log π_θ − log π_ref) of the undesirable examples, detached, shape (Nr).</param>
/// <param name="Kl">The reference point z₀, a detached scalar (TRL's <c>kl</c> metric).</param>
public sealed record KtoLossOutput(Tensor Losses, Tensor ChosenRewards, Tensor RejectedRewards, Tensor Kl);
