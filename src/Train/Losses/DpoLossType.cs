namespace Cai.Train.Losses;

/// <summary>
/// The pairwise preference loss a DPO-family trainer minimises. Names follow TRL's <c>loss_type</c> values
/// (<c>DPOConfig</c>, and <c>CPOConfig</c> for SimPO); <see cref="DpoLoss.Compute(DpoLossType, DpoLossInput, DpoLossParameters)"/>
/// dispatches on it.
/// </summary>
public enum DpoLossType
{
    /// <summary>
    /// Sigmoid (Bradley–Terry) DPO, Rafailov et al. 2023; with <c>label_smoothing</c> &gt; 0 it is conservative DPO (cDPO).
    /// TRL: <c>"sigmoid"</c>.
    /// </summary>
    Sigmoid,

    /// <summary>Hinge loss on the log-ratio margin (SLiC, Zhao et al. 2023). TRL: <c>"hinge"</c>.</summary>
    Hinge,

    /// <summary>
    /// Identity preference optimisation, Azar et al. 2023. Expects length-normalised (per-token mean) log-probs.
    /// TRL: <c>"ipo"</c>.
    /// </summary>
    Ipo,

    /// <summary>Robust DPO for noisy labels, Chowdhury et al. 2024. TRL: <c>"robust"</c>.</summary>
    Robust,

    /// <summary>
    /// Reference-free, length-normalised sigmoid loss with a target margin, Meng et al. 2024 (SimPO).
    /// TRL: <c>CPOConfig(loss_type="simpo")</c>.
    /// </summary>
    SimPo,

    /// <summary>
    /// Sigmoid DPO against a per-example soft target probability (an AI-feedback <c>label_prob</c>) instead of a hard label.
    /// No TRL equivalent; with every target equal to 1 it is <see cref="Sigmoid"/>.
    /// </summary>
    SoftLabel,
}
