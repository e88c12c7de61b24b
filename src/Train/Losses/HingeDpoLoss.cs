using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Cai.Train.Losses;

/// <summary>The hinge preference loss (SLiC).</summary>
public static class HingeDpoLoss
{
    /// <summary>Per-example hinge loss on the scaled log-ratio difference.</summary>
    /// <param name="logRatioDifference">h, shape (B); see <see cref="DpoLossInput.LogRatioDifference"/>.</param>
    /// <param name="beta">β &gt; 0; 1/β acts as the margin on h.</param>
    /// <returns>The per-example losses, shape (B).</returns>
    public static Tensor Compute(Tensor logRatioDifference, double beta)
    {
        // Zhao et al. 2023, "SLiC-HF: Sequence Likelihood Calibration with Human Feedback", the rank calibration
        // loss max(0, δ − log P(y_w|x) + log P(y_l|x)) (§2), applied to the reference-normalised ratio as in TRL's
        // loss_type="hinge": L = relu(1 − β·h).
        return F.relu(1.0 - logRatioDifference * beta);
    }
}
