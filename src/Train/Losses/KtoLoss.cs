using static System.FormattableString;

namespace Cai.Train.Losses;

/// <summary>The Kahneman–Tversky optimisation (KTO) loss on unpaired desirable / undesirable completions.</summary>
public static class KtoLoss
{
    /// <summary>Per-example KTO losses.</summary>
    /// <param name="policyChosen">Summed log-probs of desirable completions under the policy, shape (Nc); Nc may be 0.</param>
    /// <param name="policyRejected">Summed log-probs of undesirable completions under the policy, shape (Nr); Nr may be 0.</param>
    /// <param name="policyKl">Summed log-probs of mismatched (prompt, completion) pairs under the policy, shape (M).</param>
    /// <param name="referenceChosen">Reference log-probs matching <paramref name="policyChosen"/>.</param>
    /// <param name="referenceRejected">Reference log-probs matching <paramref name="policyRejected"/>.</param>
    /// <param name="referenceKl">Reference log-probs matching <paramref name="policyKl"/>.</param>
    /// <param name="beta">β &gt; 0.</param>
    /// <param name="desirableWeight">λ_D, the weight of desirable losses (TRL <c>desirable_weight</c>).</param>
    /// <param name="undesirableWeight">λ_U, the weight of undesirable losses (TRL <c>undesirable_weight</c>).</param>
    /// <returns>The losses, rewards and reference point.</returns>
    public static KtoLossOutput Compute(Tensor policyChosen, Tensor policyRejected, Tensor policyKl,
        Tensor referenceChosen, Tensor referenceRejected, Tensor referenceKl,
        double beta, double desirableWeight = 1.0, double undesirableWeight = 1.0)
    {
        if (!(beta > 0))
        {
            throw new ArgumentException(Invariant($"beta must be > 0 (got {beta})"), nameof(beta));
        }

        TensorShapes.RequireSame(referenceChosen, nameof(referenceChosen), policyChosen, nameof(policyChosen));
        TensorShapes.RequireSame(referenceRejected, nameof(referenceRejected), policyRejected, nameof(policyRejected));
        TensorShapes.RequireSame(referenceKl, nameof(referenceKl), policyKl, nameof(policyKl));

        // Ethayarajh et al. 2024, "KTO: Model Alignment as Prospect Theoretic Optimization", §4.1 (the KTO loss): the reference
        // point z₀ is a batch estimate of KL(π_θ ‖ π_ref) from mismatched pairs, clamped at 0 and not back-propagated.
        // As in TRL's kto_loss: z = clamp(mean(policy_KL − reference_KL), min=0).detach().
        var kl = (policyKl - referenceKl).mean().detach().clamp_min(0.0); // ()
        var chosenLogRatios = policyChosen - referenceChosen; // (Nc)
        var rejectedLogRatios = policyRejected - referenceRejected; // (Nr)
        // v(x, y) = λ_D·σ(β(r − z₀)) for desirable and λ_U·σ(β(z₀ − r)) for undesirable; the loss is λ − v.
        var chosenLosses = 1.0 - ((chosenLogRatios - kl) * beta).sigmoid(); // (Nc)
        var rejectedLosses = 1.0 - ((kl - rejectedLogRatios) * beta).sigmoid(); // (Nr)
        var losses = cat([chosenLosses * desirableWeight, rejectedLosses * undesirableWeight], 0); // (Nc + Nr)
        return new KtoLossOutput(losses, (chosenLogRatios * beta).detach(), (rejectedLogRatios * beta).detach(), kl);
    }
}

/// <summary>Result of <see cref="KtoLoss.Compute"/>.</summary>
/// <param name="Losses">Weighted per-example losses, desirable examples first then undesirable ones, shape (Nc + Nr).</param>
/// <param name="ChosenRewards">β·(log π_θ − log π_ref) of the desirable examples, detached, shape (Nc).</param>
/// <param name="RejectedRewards">β·(log π_θ − log π_ref) of the undesirable examples, detached, shape (Nr).</param>
/// <param name="Kl">The reference point z₀, a detached scalar (TRL's <c>kl</c> metric).</param>
public sealed record KtoLossOutput(Tensor Losses, Tensor ChosenRewards, Tensor RejectedRewards, Tensor Kl);
