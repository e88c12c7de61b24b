namespace Cai.Train.Losses;

/// <summary>
/// The arithmetic of PPO for language models as TRL's <c>PPOTrainer</c> does it (Ziegler et al. 2019, arXiv 1909.08593;
/// Ouyang et al. 2022; Huang et al. 2024, "The N Implementation Details of RLHF with PPO", arXiv 2403.17031). Every
/// tensor is (B, T) over response tokens, with a bool <c>mask</c> that is true on real tokens (up to and including the
/// stop token) and false on the padding after them. Pure functions: no model, no optimizer, golden-tested against
/// tools/golden/ppo_golden.py.
/// </summary>
public static class PpoMath
{
    /// <summary>The per-token KL estimate of the sampled tokens, 0 on padding.</summary>
    /// <param name="logProbs">log π(token) of the policy that sampled (B, T).</param>
    /// <param name="refLogProbs">log π_ref(token) (B, T).</param>
    /// <param name="mask">Real tokens (B, T).</param>
    /// <param name="estimator">k1 or k3.</param>
    public static Tensor KlEstimate(Tensor logProbs, Tensor refLogProbs, Tensor mask, KlEstimator estimator)
    {
        using var scope = NewDisposeScope();
        var logRatio = (refLogProbs - logProbs).masked_fill(mask.logical_not(), 0.0); // log r, r = π_ref / π
        var kl = estimator switch
        {
            KlEstimator.K1 => -logRatio,
            KlEstimator.K3 => logRatio.exp() - 1 - logRatio,
            _ => throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "kl_estimator must be k1 or k3"),
        };
        return kl.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Per-token rewards: −kl_coef · KL at every real token, plus the sequence's score at its last real token
    /// (Ziegler et al. 2019, Eq. 2). TRL adds the score one index later (<c>sequence_lengths_p1</c>), on the first padding
    /// position when there is one; here it sits on the token that ended the response, so no padding carries reward.
    /// </summary>
    /// <param name="kl">Per-token KL estimate (B, T), 0 on padding.</param>
    /// <param name="scores">One score per sequence (B).</param>
    /// <param name="mask">Real tokens (B, T); each row has at least one.</param>
    /// <param name="klCoef">The KL penalty's weight (<c>kl_coef</c>).</param>
    /// <returns>The rewards (B, T) and the non-score part −kl_coef · KL (B, T).</returns>
    public static (Tensor Rewards, Tensor NonScoreReward) PerTokenRewards(Tensor kl, Tensor scores, Tensor mask, double klCoef)
    {
        using var scope = NewDisposeScope();
        var nonScore = (-klCoef * kl).masked_fill(mask.logical_not(), 0.0);
        var last = mask.to(ScalarType.Int64).sum(1) - 1; // (B) index of the last real token
        var atEnd = zeros_like(nonScore).scatter(1, last.unsqueeze(1), scores.to(nonScore.dtype).unsqueeze(1));
        return ((nonScore + atEnd).MoveToOuterDisposeScope(), nonScore.MoveToOuterDisposeScope());
    }

    /// <summary>Σ x·mask / Σ mask over all elements (TRL <c>masked_mean</c>).</summary>
    public static Tensor MaskedMean(Tensor values, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var weights = mask.to(values.dtype);
        return ((values * weights).sum() / weights.sum()).MoveToOuterDisposeScope();
    }

    /// <summary>The masked variance, with Bessel's correction n/(n−1) when <paramref name="unbiased"/> (TRL <c>masked_var</c>).</summary>
    /// <exception cref="ArgumentException">Fewer than two real elements with <paramref name="unbiased"/>.</exception>
    public static Tensor MaskedVar(Tensor values, Tensor mask, bool unbiased = true)
    {
        using var scope = NewDisposeScope();
        var mean = MaskedMean(values, mask);
        var variance = MaskedMean((values - mean).square(), mask);
        if (unbiased)
        {
            var n = mask.to(ScalarType.Float64).sum().item<double>();
            if (n < 2)
                throw new ArgumentException($"masked variance needs at least 2 real elements (got {n})", nameof(mask));
            variance = variance * (n / (n - 1));
        }

        return variance.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// (x − mean) / sqrt(var + 1e-8) over the masked elements, the mean added back when not <paramref name="shiftMean"/>
    /// (TRL <c>masked_whiten</c>); padding is set to 0 afterwards, as TRL does with <c>masked_fill</c>.
    /// </summary>
    public static Tensor MaskedWhiten(Tensor values, Tensor mask, bool shiftMean = true)
    {
        using var scope = NewDisposeScope();
        var mean = MaskedMean(values, mask);
        var whitened = (values - mean) * (MaskedVar(values, mask) + 1e-8).rsqrt();
        if (!shiftMean)
            whitened = whitened + mean;
        return whitened.masked_fill(mask.logical_not(), 0.0).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Generalised advantage estimation (Schulman et al. 2016, arXiv 1506.02438, Eq. 16), backwards over the tokens:
    /// δ_t = r_t + γ V_{t+1} − V_t, A_t = δ_t + γλ A_{t+1}, with V and A past the last token 0; returns = A + V.
    /// Padding must already carry zero rewards and values, so it contributes nothing.
    /// </summary>
    /// <param name="rewards">Per-token rewards (B, T).</param>
    /// <param name="values">Value estimates (B, T), 0 on padding.</param>
    /// <param name="gamma">Discount (<c>gamma</c>).</param>
    /// <param name="lam">GAE λ (<c>lam</c>).</param>
    public static (Tensor Advantages, Tensor Returns) Gae(Tensor rewards, Tensor values, double gamma, double lam)
    {
        using var scope = NewDisposeScope();
        var length = (int)rewards.shape[1];
        var reversed = new Tensor[length];
        var last = zeros_like(rewards[.., 0]); // (B)
        for (var t = length - 1; t >= 0; t--)
        {
            var next = t < length - 1 ? values[.., t + 1] : zeros_like(last);
            var delta = rewards[.., t] + gamma * next - values[.., t];
            last = delta + gamma * lam * last;
            reversed[t] = last;
        }

        var advantages = stack(reversed, 1); // (B, T)
        return (advantages.MoveToOuterDisposeScope(), (advantages + values).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The clipped surrogate objective (Schulman et al. 2017, arXiv 1707.06347, Eq. 7) as a loss: masked mean of
    /// max(−A·ρ, −A·clip(ρ, 1 − ε, 1 + ε)) with ρ = exp(log π_new − log π_old). Also returns the fraction of tokens
    /// where clipping was active, approxkl = ½·mean((log ρ)²) and mean ρ, all over real tokens (TRL averages the last two
    /// over padding too, where ρ = 1).
    /// </summary>
    public static PpoPolicyLoss PolicyLoss(Tensor newLogProbs, Tensor oldLogProbs, Tensor advantages, Tensor mask, double cliprange)
    {
        using var scope = NewDisposeScope();
        var logRatio = (newLogProbs - oldLogProbs).masked_fill(mask.logical_not(), 0.0);
        var ratio = logRatio.exp();
        var unclipped = -advantages * ratio;
        var clipped = -advantages * ratio.clamp(1.0 - cliprange, 1.0 + cliprange);
        var loss = MaskedMean(maximum(unclipped, clipped), mask);
        using var _ = no_grad();
        return new PpoPolicyLoss(loss.MoveToOuterDisposeScope(),
            MaskedMean(clipped.gt(unclipped).to(loss.dtype), mask).MoveToOuterDisposeScope(),
            (0.5 * MaskedMean(logRatio.detach().square(), mask)).MoveToOuterDisposeScope(),
            MaskedMean(ratio.detach(), mask).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The clipped value loss (Huang et al. 2024, detail 9): ½ · masked mean of max((V − R)², (clip(V, V_old ± ε) − R)²);
    /// also the fraction of tokens where the clipped term was larger.
    /// </summary>
    public static PpoValueLoss ValueLoss(Tensor values, Tensor oldValues, Tensor returns, Tensor mask, double cliprangeValue)
    {
        using var scope = NewDisposeScope();
        var clippedValues = minimum(maximum(values, oldValues - cliprangeValue), oldValues + cliprangeValue);
        var unclipped = (values - returns).square();
        var clipped = (clippedValues - returns).square();
        var loss = 0.5 * MaskedMean(maximum(unclipped, clipped), mask);
        using var _ = no_grad();
        return new PpoValueLoss(loss.MoveToOuterDisposeScope(), MaskedMean(clipped.gt(unclipped).to(loss.dtype), mask).MoveToOuterDisposeScope());
    }

    /// <summary>Entropy of each position's distribution, logsumexp(z) − Σ softmax(z)·z (B, T) (TRL's <c>policy/entropy_avg</c>).</summary>
    /// <param name="logits">(B, T, V), already divided by the temperature.</param>
    public static Tensor Entropy(Tensor logits)
    {
        using var scope = NewDisposeScope();
        return (logits.logsumexp(-1) - (logits.softmax(-1) * logits).sum(-1)).MoveToOuterDisposeScope();
    }
}

/// <summary>The clipped policy loss and its diagnostics (scalars).</summary>
/// <param name="Loss">The loss (with gradient).</param>
/// <param name="ClipFraction">Fraction of real tokens where the clipped term was the larger loss (<c>policy/clipfrac_avg</c>).</param>
/// <param name="ApproxKl">½ · mean (log ρ)² (<c>policy/approxkl_avg</c>).</param>
/// <param name="Ratio">Mean ρ (<c>val/ratio</c>).</param>
public sealed record PpoPolicyLoss(Tensor Loss, Tensor ClipFraction, Tensor ApproxKl, Tensor Ratio);

/// <summary>The clipped value loss and its clip fraction (scalars).</summary>
/// <param name="Loss">The loss (with gradient), before <c>vf_coef</c>.</param>
/// <param name="ClipFraction">Fraction of real tokens where the clipped term was larger (<c>val/clipfrac_avg</c>).</param>
public sealed record PpoValueLoss(Tensor Loss, Tensor ClipFraction);
