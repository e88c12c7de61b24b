using System.Runtime.Serialization;
using static System.FormattableString;
using F = TorchSharp.torch.nn.functional;

namespace Cai.Train.Losses;

/// <summary>
/// The pairwise preference loss a DPO-family trainer minimises. Names follow TRL's <c>loss_type</c> values
/// (<c>DPOConfig</c>, and <c>CPOConfig</c> for SimPO).
/// </summary>
public enum DpoLossType
{
    /// <summary>Sigmoid (Bradley–Terry) DPO; with <c>label_smoothing</c> &gt; 0 it is conservative DPO (cDPO). TRL: <c>"sigmoid"</c>.</summary>
    Sigmoid,

    /// <summary>Hinge loss on the log-ratio margin (SLiC). TRL: <c>"hinge"</c>.</summary>
    Hinge,

    /// <summary>Identity preference optimisation on length-normalised log-probs. TRL: <c>"ipo"</c>.</summary>
    Ipo,

    /// <summary>Robust DPO for noisy labels. TRL: <c>"robust"</c>.</summary>
    Robust,

    /// <summary>Reference-free, length-normalised sigmoid loss with a target margin (SimPO). TRL: <c>CPOConfig(loss_type="simpo")</c>.</summary>
    [EnumMember(Value = "simpo")]
    SimPo,

    /// <summary>
    /// Sigmoid DPO against a per-example soft target probability (an AI-feedback <c>label_prob</c>) instead of a hard label.
    /// No TRL equivalent; with every target equal to 1 it is <see cref="Sigmoid"/>.
    /// </summary>
    SoftLabel,
}

/// <summary>The scalar hyper-parameters of <see cref="DpoLoss.Compute"/>; a trainer builds them from <see cref="Options.DpoOptions"/>.</summary>
/// <param name="Beta">β, the strength of the implicit KL penalty (TRL <c>beta</c>); must be &gt; 0.</param>
/// <param name="LabelSmoothing">ε, the assumed label-noise rate for cDPO, robust DPO and SimPO (TRL <c>label_smoothing</c>), in [0, 0.5).</param>
/// <param name="SimpoGamma">γ, SimPO's target reward margin (TRL <c>simpo_gamma</c>).</param>
/// <param name="ReferenceFree">
/// Treat the reference model as uniform, i.e. its log-ratio as 0 (TRL <c>reference_free</c>). Only the loss changes; the
/// logged rewards still subtract the reference log-probs passed in, so pass zeros when there is no reference model.
/// </param>
public sealed record DpoLossParameters(double Beta, double LabelSmoothing = 0.0, double SimpoGamma = 0.5, bool ReferenceFree = false);

/// <summary>
/// Per-example summed completion log-probs of a batch of preference pairs, each of shape (B), as
/// <see cref="SequenceLogProbs.Gather"/> returns them. Sums, for every variant: the loss divides by the token counts
/// itself where the variant is length-normalised (IPO, SimPO).
/// </summary>
/// <param name="PolicyChosen">log π_θ(y_w | x) for the chosen completion.</param>
/// <param name="PolicyRejected">log π_θ(y_l | x) for the rejected completion.</param>
/// <param name="ReferenceChosen">log π_ref(y_w | x); computed without gradient. Ignored by <see cref="DpoLossType.SimPo"/>.</param>
/// <param name="ReferenceRejected">log π_ref(y_l | x); computed without gradient. Ignored by <see cref="DpoLossType.SimPo"/>.</param>
public sealed record DpoLossInput(Tensor PolicyChosen, Tensor PolicyRejected, Tensor ReferenceChosen, Tensor ReferenceRejected)
{
    /// <summary>Completion token counts of the chosen sequences, shape (B). Required by IPO and SimPO.</summary>
    public Tensor? ChosenTokenCounts { get; init; }

    /// <summary>Completion token counts of the rejected sequences, shape (B). Required by IPO and SimPO.</summary>
    public Tensor? RejectedTokenCounts { get; init; }

    /// <summary>Per-example probability that chosen is preferred (a pair's <c>label_prob</c>), shape (B), in [0, 1]. Required by <see cref="DpoLossType.SoftLabel"/>.</summary>
    public Tensor? LabelProbs { get; init; }
}

/// <summary>Per-example losses and implicit rewards of a DPO-family loss, each of shape (B).</summary>
/// <param name="Losses">Per-example losses; the trainer takes their mean. Carries the gradient.</param>
/// <param name="ChosenRewards">Implicit rewards of the chosen completions, detached (TRL's <c>rewards/chosen</c>).</param>
/// <param name="RejectedRewards">Implicit rewards of the rejected completions, detached (TRL's <c>rewards/rejected</c>).</param>
public sealed record DpoLossOutput(Tensor Losses, Tensor ChosenRewards, Tensor RejectedRewards)
{
    /// <summary>Chosen minus rejected reward per example, shape (B) (TRL's <c>rewards/margins</c> before the mean).</summary>
    public Tensor RewardMargins() => ChosenRewards - RejectedRewards;

    /// <summary>1 where the chosen reward beats the rejected one, else 0, shape (B) (TRL's <c>rewards/accuracies</c> before the mean).</summary>
    public Tensor RewardAccuracies() => ChosenRewards.gt(RejectedRewards).to_type(ChosenRewards.dtype);
}

/// <summary>The DPO family: every <see cref="DpoLossType"/> in one switch, as TRL's <c>dpo_loss</c> branches on <c>loss_type</c>.</summary>
public static class DpoLoss
{
    /// <summary>Computes per-example losses and implicit rewards for a batch of preference pairs.</summary>
    /// <param name="type">Which loss to apply.</param>
    /// <param name="input">Per-example summed log-probs, shape (B) each, plus whatever the chosen variant needs.</param>
    /// <param name="parameters">β, ε, γ and reference-free mode.</param>
    /// <returns>
    /// Per-example losses (with gradient) and detached rewards β·(log π_θ − log π_ref), on per-token means for IPO (as
    /// TRL logs them) and, for SimPO, β times the policy's per-token mean (Meng et al. 2024, Eq. 4).
    /// </returns>
    /// <exception cref="ArgumentException">A parameter is out of range, shapes differ, or an input the variant needs is missing.</exception>
    public static DpoLossOutput Compute(DpoLossType type, DpoLossInput input, DpoLossParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(parameters);
        Validate(type, input, parameters);
        var (beta, epsilon) = (parameters.Beta, parameters.LabelSmoothing);
        var (pc, pr, rc, rr) = (input.PolicyChosen, input.PolicyRejected, input.ReferenceChosen, input.ReferenceRejected);
        if (type is DpoLossType.Ipo or DpoLossType.SimPo)
        {
            // The length normalisations, in one place. A completion with no tokens has sum 0; clamping its count to 1
            // keeps its mean at 0 instead of dividing by zero.
            var chosenCount = Required(input.ChosenTokenCounts, nameof(input.ChosenTokenCounts), type, pc).clamp_min(1.0);
            var rejectedCount = Required(input.RejectedTokenCounts, nameof(input.RejectedTokenCounts), type, pc).clamp_min(1.0);
            (pc, pr, rc, rr) = (pc / chosenCount, pr / rejectedCount, rc / chosenCount, rr / rejectedCount);
        }
        // h = (log π_θ(y_w) − log π_θ(y_l)) − (log π_ref(y_w) − log π_ref(y_l)), shape (B); SimPO has no reference.
        var h = type == DpoLossType.SimPo || parameters.ReferenceFree ? pc - pr : pc - pr - (rc - rr);
        var losses = type switch
        {
            // Rafailov et al. 2023, "Direct Preference Optimization", Eq. 7: L = −log σ(β·h). Conservative DPO (Mitchell
            // 2023, "A note on DPO with noisy preferences and relationship to IPO", Eq. 3) targets 1 − ε instead of 1.
            DpoLossType.Sigmoid => Smoothed(h * beta, epsilon),
            // Zhao et al. 2023, "SLiC-HF", the rank calibration loss (§2) on the reference-normalised ratio, as TRL's "hinge".
            DpoLossType.Hinge => F.relu(1.0 - h * beta),
            // Azar et al. 2023, "A General Theoretical Paradigm to Understand Learning from Human Preferences", Eq. 17, on
            // per-token means as TRL's "ipo": L = (h − 1/(2β))², a finite target instead of an unbounded margin.
            DpoLossType.Ipo => (h - 1.0 / (2.0 * beta)).square(),
            // Chowdhury et al. 2024, "Provably Robust DPO", §3: an unbiased estimate of the clean loss,
            // L = ((1 − ε)·(−log σ(β·h)) − ε·(−log σ(−β·h))) / (1 − 2ε). Same as TRL's "robust".
            DpoLossType.Robust => (-F.logsigmoid(h * beta) * (1.0 - epsilon) + F.logsigmoid(-h * beta) * epsilon) / (1.0 - 2.0 * epsilon),
            // Meng et al. 2024, "SimPO", Eq. 6: L = −log σ(β·(mean log π(y_w) − mean log π(y_l)) − γ); TRL's CPOTrainer adds
            // the cDPO smoothing on top, reproduced here.
            DpoLossType.SimPo => Smoothed(h * beta - parameters.SimpoGamma, epsilon),
            // DPO's Bradley–Terry likelihood with a per-example soft target p (Bai et al. 2022, "Constitutional AI", §4.1
            // trains on soft preference labels; Lee et al. 2023, "RLAIF", Eq. 1): L = −(p·log σ(β·h) + (1 − p)·log σ(−β·h)).
            DpoLossType.SoftLabel => SoftTarget(h * beta, Required(input.LabelProbs, nameof(input.LabelProbs), type, pc)),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, $"unknown DPO loss type {type}"),
        };
        return type == DpoLossType.SimPo
            ? new DpoLossOutput(losses, (pc * beta).detach(), (pr * beta).detach())
            : new DpoLossOutput(losses, ((pc - rc) * beta).detach(), ((pr - rr) * beta).detach());
    }

    // −(1 − ε)·log σ(z) − ε·log σ(−z): the cross-entropy against the target 1 − ε.
    static Tensor Smoothed(Tensor z, double epsilon) => -F.logsigmoid(z) * (1.0 - epsilon) - F.logsigmoid(-z) * epsilon;

    static Tensor SoftTarget(Tensor z, Tensor p) => -(p * F.logsigmoid(z) + (1.0 - p) * F.logsigmoid(-z));

    static void Validate(DpoLossType type, DpoLossInput input, DpoLossParameters parameters)
    {
        if (!(parameters.Beta > 0) || double.IsInfinity(parameters.Beta))
            throw new ArgumentException(Invariant($"beta must be > 0 (got {parameters.Beta})"), nameof(parameters));
        if (!(parameters.LabelSmoothing >= 0 && parameters.LabelSmoothing < 0.5))
            throw new ArgumentException(Invariant($"label_smoothing must be in [0, 0.5) (got {parameters.LabelSmoothing})"), nameof(parameters));
        TensorShapes.RequireSame(input.PolicyRejected, nameof(input.PolicyRejected), input.PolicyChosen, nameof(input.PolicyChosen));
        if (type == DpoLossType.SimPo)
            return;
        TensorShapes.RequireSame(input.ReferenceChosen, nameof(input.ReferenceChosen), input.PolicyChosen, nameof(input.PolicyChosen));
        TensorShapes.RequireSame(input.ReferenceRejected, nameof(input.ReferenceRejected), input.PolicyChosen, nameof(input.PolicyChosen));
    }

    static Tensor Required(Tensor? tensor, string name, DpoLossType type, Tensor like)
    {
        if (tensor is null)
            throw new ArgumentException(Invariant($"{name} is required for loss type {type}"), name);
        TensorShapes.RequireSame(tensor, name, like, nameof(DpoLossInput.PolicyChosen));
        return tensor;
    }
}
