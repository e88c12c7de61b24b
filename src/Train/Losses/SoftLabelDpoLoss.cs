using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Cai.Train.Losses;

/// <summary>Sigmoid DPO trained against soft AI-feedback preference probabilities.</summary>
public static class SoftLabelDpoLoss
{
    /// <summary>Per-example soft-label DPO loss: the cross-entropy between a target p and σ(β·h).</summary>
    /// <param name="logRatioDifference">h, shape (B); see <see cref="DpoLossInput.LogRatioDifference"/>.</param>
    /// <param name="labelProbs">p, the probability that chosen is preferred (e.g. a pair's <c>label_prob</c>), shape (B).</param>
    /// <param name="beta">β &gt; 0.</param>
    /// <returns>The per-example losses, shape (B).</returns>
    public static Tensor Compute(Tensor logRatioDifference, Tensor labelProbs, double beta)
    {
        // DPO's Bradley–Terry likelihood (Rafailov et al. 2023, Eq. 7) with a per-example soft target instead of a hard
        // one: L = −(p·log σ(β·h) + (1 − p)·log σ(−β·h)). RLAIF feedback yields p (Bai et al. 2022, "Constitutional AI",
        // §4.1 trains on soft preference labels; Lee et al. 2023, "RLAIF", Eq. 1). p = 1 gives DPO, constant p gives cDPO.
        var scaled = logRatioDifference * beta; // (B)
        return -(labelProbs * F.logsigmoid(scaled) + (1.0 - labelProbs) * F.logsigmoid(-scaled));
    }
}
