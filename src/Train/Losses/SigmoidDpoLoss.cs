using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Cai.Train.Losses;

/// <summary>The sigmoid DPO loss and its conservative (label-smoothed) form.</summary>
public static class SigmoidDpoLoss
{
    /// <summary>Per-example sigmoid DPO loss.</summary>
    /// <param name="logRatioDifference">h = (log π_θ(y_w) − log π_θ(y_l)) − (log π_ref(y_w) − log π_ref(y_l)), shape (B).</param>
    /// <param name="beta">β &gt; 0.</param>
    /// <param name="labelSmoothing">ε, the probability that a label is flipped; 0 gives plain DPO.</param>
    /// <returns>The per-example losses, shape (B).</returns>
    public static Tensor Compute(Tensor logRatioDifference, double beta, double labelSmoothing = 0.0)
    {
        // Rafailov et al. 2023, "Direct Preference Optimization", Eq. 7: L = −log σ(β·h).
        // Conservative DPO (Mitchell 2023, "A note on DPO with noisy preferences and relationship to IPO", Eq. 3): the target is
        // 1 − ε instead of 1, so L = −(1 − ε)·log σ(β·h) − ε·log σ(−β·h). Same as TRL's loss_type="sigmoid".
        var scaled = logRatioDifference * beta; // (B)
        return -F.logsigmoid(scaled) * (1.0 - labelSmoothing) - F.logsigmoid(-scaled) * labelSmoothing;
    }
}
