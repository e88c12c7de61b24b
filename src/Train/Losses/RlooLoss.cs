using static System.FormattableString;

namespace Cai.Train.Losses;

/// <summary>
/// REINFORCE Leave-One-Out (RLOO): k samples per prompt, each judged against the mean reward of the other k − 1
/// (Kool et al. 2019, "Buy 4 REINFORCE Samples, Get a Baseline for Free!"; Ahmadian et al. 2024, "Back to Basics:
/// Revisiting REINFORCE Style Optimization for Learning from Human Feedback in LLMs", §3.2). Written as TRL's
/// <c>RLOOTrainer</c> does it: the KL to the reference is a sequence-level penalty folded into the reward, and the
/// policy-gradient term uses a sequence-level importance ratio clipped PPO-style.
/// </summary>
/// <remarks>
/// Batches are prompt-major, as TRL's <c>RepeatSampler</c> lays them out: rows g·k … g·k + k − 1 are the k samples of
/// prompt g.
/// </remarks>
public static class RlooLoss
{
    /// <summary>Σ_t (log π_old − log π_ref) over each completion's real tokens, shape (B): TRL's sequence-level KL.</summary>
    /// <param name="oldPerTokenLogps">Log-probs of the sampled tokens under the sampling policy, shape (B, T).</param>
    /// <param name="refPerTokenLogps">The same tokens under the frozen reference, shape (B, T).</param>
    /// <param name="completionMask">1 for completion tokens, 0 for padding and tokens after EOS, shape (B, T).</param>
    public static Tensor SequenceKl(Tensor oldPerTokenLogps, Tensor refPerTokenLogps, Tensor completionMask)
    {
        TensorShapes.RequireSame(refPerTokenLogps, nameof(refPerTokenLogps), oldPerTokenLogps, nameof(oldPerTokenLogps));
        TensorShapes.RequireSame(completionMask, nameof(completionMask), oldPerTokenLogps, nameof(oldPerTokenLogps));
        return ((oldPerTokenLogps - refPerTokenLogps) * completionMask).sum(-1); // (B)
    }

    /// <summary>Mean per-token log π_old − log π_ref over the batch's real tokens, a scalar: TRL's <c>kl</c> metric for RLOO.</summary>
    /// <param name="oldPerTokenLogps">Log-probs of the sampled tokens under the sampling policy, shape (B, T).</param>
    /// <param name="refPerTokenLogps">The same tokens under the frozen reference, shape (B, T).</param>
    /// <param name="completionMask">1 for completion tokens, shape (B, T).</param>
    public static Tensor TokenMeanKl(Tensor oldPerTokenLogps, Tensor refPerTokenLogps, Tensor completionMask) =>
        SequenceKl(oldPerTokenLogps, refPerTokenLogps, completionMask).sum() / completionMask.sum().clamp_min(1.0);

    /// <summary>Leave-one-out advantages of one generation batch.</summary>
    /// <param name="scores">The reward source's score per completion, shape (B) with B = prompts · k.</param>
    /// <param name="sequenceKl">Per-sequence KL from <see cref="SequenceKl"/>, shape (B); may be null when <paramref name="beta"/> is 0.</param>
    /// <param name="numGenerations">k, samples per prompt (<c>num_generations</c>), at least 2.</param>
    /// <param name="beta">Weight of the KL penalty in the reward (<c>beta</c>).</param>
    /// <param name="normalizeAdvantages">Whiten the advantages over the batch (<c>normalize_advantages</c>).</param>
    /// <returns>Rewards, baselines, advantages and TRL's reward metrics, all detached.</returns>
    public static RlooAdvantages ComputeAdvantages(Tensor scores, Tensor? sequenceKl, int numGenerations, double beta,
        bool normalizeAdvantages)
    {
        var groups = GroupCount(scores, numGenerations);
        if (!(beta >= 0) || double.IsInfinity(beta))
        {
            throw new ArgumentException(Invariant($"beta must be >= 0 (got {beta})"), nameof(beta));
        }

        var rewards = scores.detach(); // (B)
        if (beta != 0)
        {
            if (sequenceKl is null)
            {
                throw new ArgumentException("sequenceKl is required when beta > 0", nameof(sequenceKl));
            }

            TensorShapes.RequireSame(sequenceKl, nameof(sequenceKl), scores, nameof(scores));
            // Ahmadian et al. 2024, Eq. 2: R(x, y) = r(x, y) − β·log(π(y|x) / π_ref(y|x)), the KL taken over the whole sequence.
            rewards = rewards - sequenceKl.detach() * beta; // (B)
        }

        var grouped = rewards.view(groups, numGenerations); // (G, k)
        // Kool et al. 2019, Eq. 9: b_i = (1 / (k − 1)) Σ_{j≠i} R_j, so A_i = R_i − b_i stays unbiased.
        var baselines = ((grouped.sum(-1, keepdim: true) - grouped) / (numGenerations - 1)).view(-1); // (B)
        var advantages = rewards - baselines; // (B)
        if (normalizeAdvantages)
        {
            advantages = (advantages - advantages.mean()) / (advantages.std() + 1e-4); // (B)
        }

        var groupStd = grouped.std(-1, unbiased: true, keepdim: false); // (G)
        return new RlooAdvantages(rewards, baselines, advantages,
            Reward: grouped.mean([-1], keepdim: false).mean(),
            RewardStd: groupStd.mean(),
            FracRewardZeroStd: groupStd.abs().le(1e-8).to_type(rewards.dtype).mean());
    }

    /// <summary>RLOO's policy loss with a sequence-level importance ratio, as TRL's <c>RLOOTrainer._compute_loss</c>.</summary>
    /// <param name="sequenceLogps">Σ_t log π_θ over each completion's real tokens, shape (B); carries the gradient.</param>
    /// <param name="oldSequenceLogps">The same sums under the policy that sampled the batch, shape (B).</param>
    /// <param name="advantages">Advantages from <see cref="ComputeAdvantages"/>, shape (B).</param>
    /// <param name="epsilonLow">Lower clip range ε (<c>epsilon</c>).</param>
    /// <param name="epsilonHigh">Upper clip range (<c>epsilon_high</c>, which defaults to <c>epsilon</c>).</param>
    /// <returns>The mean loss and the clipped fractions.</returns>
    public static RlooLossOutput Compute(Tensor sequenceLogps, Tensor oldSequenceLogps, Tensor advantages,
        double epsilonLow, double epsilonHigh)
    {
        TensorShapes.RequireSame(oldSequenceLogps, nameof(oldSequenceLogps), sequenceLogps, nameof(sequenceLogps));
        TensorShapes.RequireSame(advantages, nameof(advantages), sequenceLogps, nameof(sequenceLogps));
        ClipRange.Validate(epsilonLow, epsilonHigh);
        // PPO's clipped surrogate (Schulman et al. 2017, Eq. 7) on the whole sequence's ratio π_θ(y|x) / π_old(y|x).
        var ratio = (sequenceLogps - oldSequenceLogps.detach()).exp(); // (B)
        var clipped = ratio.clamp(1.0 - epsilonLow, 1.0 + epsilonHigh); // (B)
        var advantage = advantages.detach(); // (B)
        var perSequenceLoss = -minimum(ratio * advantage, clipped * advantage); // (B)
        var (low, high, region) = ClipRange.Fractions(ratio.detach(), advantage, epsilonLow, epsilonHigh, mask: null);
        return new RlooLossOutput(perSequenceLoss.mean(), low, high, region);
    }

    internal static int GroupCount(Tensor scores, int numGenerations)
    {
        if (numGenerations < 2)
        {
            throw new ArgumentException(Invariant($"num_generations must be >= 2 (got {numGenerations})"), nameof(numGenerations));
        }

        if (scores.dim() != 1 || scores.shape[0] % numGenerations != 0)
        {
            throw new ArgumentException(
                Invariant($"scores must be a vector whose length is a multiple of num_generations {numGenerations} (got shape [{string.Join(", ", scores.shape)}])"),
                nameof(scores));
        }

        return (int)(scores.shape[0] / numGenerations);
    }
}

/// <summary>RLOO's rewards and advantages for one generation batch, each of shape (B) unless noted; all detached.</summary>
/// <param name="Rewards">Score minus β · sequence KL.</param>
/// <param name="Baselines">Mean reward of the other k − 1 samples of the same prompt.</param>
/// <param name="Advantages">Rewards minus baselines, whitened when asked.</param>
/// <param name="Reward">Mean reward, a scalar (TRL's <c>reward</c>).</param>
/// <param name="RewardStd">Mean over prompts of the rewards' standard deviation, a scalar (TRL's <c>reward_std</c>).</param>
/// <param name="FracRewardZeroStd">Fraction of prompts whose k rewards are identical, a scalar (TRL's <c>frac_reward_zero_std</c>).</param>
public sealed record RlooAdvantages(Tensor Rewards, Tensor Baselines, Tensor Advantages, Tensor Reward, Tensor RewardStd,
    Tensor FracRewardZeroStd)
{
    /// <summary>The scalar metrics under TRL's names, read for logging.</summary>
    public IEnumerable<KeyValuePair<string, double>> Metrics() =>
    [
        new("reward", Reward.ToDouble()), new("reward_std", RewardStd.ToDouble()), new("frac_reward_zero_std", FracRewardZeroStd.ToDouble()),
    ];
}

/// <summary>RLOO's loss for one micro-batch.</summary>
/// <param name="Loss">Mean clipped policy loss, a scalar carrying the gradient.</param>
/// <param name="ClipRatioLow">Fraction of sequences clipped below with a negative advantage (TRL's <c>clip_ratio/low_mean</c>).</param>
/// <param name="ClipRatioHigh">Fraction clipped above with a positive advantage (TRL's <c>clip_ratio/high_mean</c>).</param>
/// <param name="ClipRatioRegion">Fraction clipped either way (TRL's <c>clip_ratio/region_mean</c>).</param>
public sealed record RlooLossOutput(Tensor Loss, Tensor ClipRatioLow, Tensor ClipRatioHigh, Tensor ClipRatioRegion)
{
    /// <summary>The clipped fractions under TRL's names, read for logging.</summary>
    public IEnumerable<KeyValuePair<string, double>> Metrics() =>
    [
        new("clip_ratio/low_mean", ClipRatioLow.ToDouble()), new("clip_ratio/high_mean", ClipRatioHigh.ToDouble()),
        new("clip_ratio/region_mean", ClipRatioRegion.ToDouble()),
    ];
}
