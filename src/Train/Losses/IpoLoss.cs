using static TorchSharp.torch;

namespace Cai.Train.Losses;

/// <summary>The identity preference optimisation (IPO) loss.</summary>
public static class IpoLoss
{
    /// <summary>Per-example IPO loss.</summary>
    /// <param name="logRatioDifference">
    /// h computed from length-normalised log-probs (per-token means), shape (B). TRL averages the log-probs for
    /// <c>loss_type="ipo"</c>; the caller is responsible for that normalisation.
    /// </param>
    /// <param name="beta">β &gt; 0; the regulariser τ of the paper.</param>
    /// <returns>The per-example losses, shape (B).</returns>
    public static Tensor Compute(Tensor logRatioDifference, double beta)
    {
        // Azar et al. 2023, "A General Theoretical Paradigm to Understand Learning from Human Preferences", Eq. 17:
        // L = (h − 1/(2τ))², which regresses the log-ratio gap to a finite target instead of pushing it to infinity.
        var centred = logRatioDifference - 1.0 / (2.0 * beta); // (B)
        return centred * centred;
    }
}
