using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Cai.Train.Losses;

/// <summary>The robust DPO loss for preference labels flipped with a known rate.</summary>
public static class RobustDpoLoss
{
    /// <summary>Per-example robust DPO loss.</summary>
    /// <param name="logRatioDifference">h, shape (B); see <see cref="DpoLossInput.LogRatioDifference"/>.</param>
    /// <param name="beta">β &gt; 0.</param>
    /// <param name="labelSmoothing">ε, the label flip rate, in [0, 0.5); 0 gives plain sigmoid DPO.</param>
    /// <returns>The per-example losses, shape (B).</returns>
    public static Tensor Compute(Tensor logRatioDifference, double beta, double labelSmoothing)
    {
        // Chowdhury et al. 2024, "Provably Robust DPO: Aligning Language Models with Noisy Feedback", §3 (the rDPO loss): an unbiased
        // estimate of the clean loss, L = ((1 − ε)·(−log σ(β·h)) − ε·(−log σ(−β·h))) / (1 − 2ε). Same as TRL's "robust".
        var scaled = logRatioDifference * beta; // (B)
        return (-F.logsigmoid(scaled) * (1.0 - labelSmoothing) + F.logsigmoid(-scaled) * labelSmoothing)
               / (1.0 - 2.0 * labelSmoothing);
    }
}
