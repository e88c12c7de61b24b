namespace Cai.Train.Losses;

/// <summary>
/// The scalar hyper-parameters of <see cref="DpoLoss.Compute(DpoLossType, DpoLossInput, DpoLossParameters)"/>; a trainer
/// builds them from <see cref="Options.DpoOptions"/>.
/// </summary>
/// <param name="Beta">β, the strength of the implicit KL penalty (TRL <c>beta</c>); must be &gt; 0.</param>
/// <param name="LabelSmoothing">ε, the assumed label-noise rate for cDPO and robust DPO (TRL <c>label_smoothing</c>), in [0, 0.5).</param>
/// <param name="SimpoGamma">γ, SimPO's target reward margin (TRL <c>simpo_gamma</c>).</param>
/// <param name="ReferenceFree">
/// Treat the reference model as uniform, i.e. its log-ratio as 0 (TRL <c>reference_free</c>). Only the loss changes; the
/// logged rewards still subtract the reference log-probs passed in, so pass zeros when there is no reference model.
/// </param>
public sealed record DpoLossParameters(double Beta, double LabelSmoothing = 0.0, double SimpoGamma = 0.5, bool ReferenceFree = false);
