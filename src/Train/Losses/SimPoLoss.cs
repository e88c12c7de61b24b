using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Cai.Train.Losses;

/// <summary>The SimPO loss: reference-free, length-normalised sigmoid loss with a target margin.</summary>
public static class SimPoLoss
{
    /// <summary>Per-example SimPO loss.</summary>
    /// <param name="policyChosenAverage">Mean per-token log-prob of the chosen completion under the policy, shape (B).</param>
    /// <param name="policyRejectedAverage">Mean per-token log-prob of the rejected completion under the policy, shape (B).</param>
    /// <param name="beta">β &gt; 0, the reward scale.</param>
    /// <param name="gamma">γ, the target reward margin (TRL <c>simpo_gamma</c>).</param>
    /// <param name="labelSmoothing">ε as in conservative DPO; 0 gives the paper's loss.</param>
    /// <returns>The per-example losses, shape (B).</returns>
    public static Tensor Compute(Tensor policyChosenAverage, Tensor policyRejectedAverage, double beta, double gamma,
        double labelSmoothing = 0.0)
    {
        // Meng et al. 2024, "SimPO: Simple Preference Optimization with a Reference-Free Reward", Eq. 6:
        // L = −log σ(β/|y_w|·log π(y_w) − β/|y_l|·log π(y_l) − γ). TRL's CPOTrainer (loss_type="simpo") adds the
        // cDPO label smoothing on top, reproduced here.
        var margin = (policyChosenAverage - policyRejectedAverage) * beta - gamma; // (B)
        return -F.logsigmoid(margin) * (1.0 - labelSmoothing) - F.logsigmoid(-margin) * labelSmoothing;
    }
}
