using static System.FormattableString;

namespace Cai.Train.Losses;

/// <summary>
/// Group Relative Policy Optimization (Shao et al. 2024, "DeepSeekMath: Pushing the Limits of Mathematical Reasoning in
/// Open Language Models", §4.1): advantages from the rewards of a prompt's group of samples instead of a value model, a
/// per-token clipped ratio, and an optional k3 KL term in the loss. Written as TRL's <c>GRPOTrainer</c>
/// (<c>_generate_and_score_completions</c> for advantages, <c>_compute_loss</c> for the loss) does it.
/// </summary>
/// <remarks>Batches are prompt-major: rows g·G … g·G + G − 1 are the G samples of prompt g (TRL's <c>RepeatSampler</c>).</remarks>
public static class GrpoLoss
{
    /// <summary>Group-relative advantages of one generation batch and TRL's reward metrics.</summary>
    /// <param name="rewards">One reward per completion, shape (B) with B = prompts · G.</param>
    /// <param name="numGenerations">G, samples per prompt (<c>num_generations</c>), at least 2.</param>
    /// <param name="scaleRewards">What the centred rewards are divided by (<c>scale_rewards</c>).</param>
    /// <returns>Detached advantages and metrics.</returns>
    public static GrpoAdvantages ComputeAdvantages(Tensor rewards, int numGenerations, GrpoScaleRewards scaleRewards)
    {
        var groups = RlooLoss.GroupCount(rewards, numGenerations);
        var r = rewards.detach(); // (B)
        var grouped = r.view(groups, numGenerations); // (G, n)
        var groupMean = grouped.mean([-1], keepdim: false).repeat_interleave(numGenerations, dim: 0); // (B)
        // Shao et al. 2024, Eq. 4 (outcome supervision): Â_i = (r_i − mean(r)) / std(r); torch's std is Bessel-corrected.
        var advantages = r - groupMean; // (B)
        var std = scaleRewards switch
        {
            GrpoScaleRewards.Group or GrpoScaleRewards.None =>
                grouped.std(-1, unbiased: true, keepdim: false).repeat_interleave(numGenerations, dim: 0), // (B)
            GrpoScaleRewards.Batch => r.std(unbiased: true).expand_as(r), // (B)
            _ => throw new ArgumentOutOfRangeException(nameof(scaleRewards), scaleRewards, $"scale_rewards has no value {scaleRewards}"),
        };
        if (scaleRewards != GrpoScaleRewards.None)
        {
            advantages = advantages / (std + 1e-4); // (B)
        }

        // torch.isclose(std, 0) with its default atol 1e-8: a group with identical rewards gives no gradient.
        var zeroStd = std.abs().le(1e-8).to_type(r.dtype); // (B)
        return new GrpoAdvantages(advantages, Reward: groupMean.mean(), RewardStd: std.mean(), FracRewardZeroStd: zeroStd.mean());
    }

    /// <summary>
    /// The k3 estimator of KL(π_θ ‖ π_ref) per token, exp(log π_ref − log π_θ) − (log π_ref − log π_θ) − 1: unbiased,
    /// never negative, and low-variance (Schulman 2020, "Approximating KL Divergence"; Shao et al. 2024, Eq. 4).
    /// </summary>
    /// <param name="perTokenLogps">Log-probs under the policy, shape (B, T); the gradient flows through them.</param>
    /// <param name="refPerTokenLogps">Log-probs under the frozen reference, shape (B, T).</param>
    public static Tensor PerTokenKl(Tensor perTokenLogps, Tensor refPerTokenLogps)
    {
        TensorShapes.RequireSame(refPerTokenLogps, nameof(refPerTokenLogps), perTokenLogps, nameof(perTokenLogps));
        var logRatio = refPerTokenLogps.detach() - perTokenLogps; // (B, T)
        return logRatio.exp() - logRatio - 1.0;
    }

    /// <summary>Completion-length metrics of a generation batch (TRL's <c>completions/mean_length</c>, <c>min_length</c>, <c>max_length</c>).</summary>
    /// <param name="completionMask">1 for completion tokens, shape (B, T).</param>
    public static (Tensor Mean, Tensor Min, Tensor Max) CompletionLengths(Tensor completionMask)
    {
        var lengths = completionMask.sum(-1, keepdim: false, type: ScalarType.Float64); // (B)
        return (lengths.mean(), lengths.min(), lengths.max());
    }

    /// <summary><see cref="CompletionLengths"/> under TRL's names, read for logging.</summary>
    /// <param name="completionMask">1 for completion tokens, shape (B, T).</param>
    public static IEnumerable<KeyValuePair<string, double>> CompletionLengthMetrics(Tensor completionMask)
    {
        var (mean, min, max) = CompletionLengths(completionMask);
        return [new("completions/mean_length", mean.ToDouble()), new("completions/min_length", min.ToDouble()),
            new("completions/max_length", max.ToDouble())];
    }

    /// <summary>GRPO's loss on one micro-batch, with TRL's normaliser for <paramref name="parameters"/>' loss type.</summary>
    /// <param name="input">Per-token log-probs, advantages and the completion mask.</param>
    /// <param name="parameters">β, the clip range, the loss type and what its normaliser needs.</param>
    /// <returns>The loss (with gradient) and detached metrics.</returns>
    public static GrpoLossOutput Compute(GrpoLossInput input, GrpoLossParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var (logps, mask) = (input.PerTokenLogps, input.CompletionMask.to_type(input.PerTokenLogps.dtype));
        TensorShapes.RequireSame(mask, nameof(input.CompletionMask), logps, nameof(input.PerTokenLogps));
        if (input.Advantages.dim() != 1 || input.Advantages.shape[0] != logps.shape[0])
        {
            throw new ArgumentException(Invariant($"advantages must have shape [{logps.shape[0]}] (got [{string.Join(", ", input.Advantages.shape)}])"), nameof(input));
        }

        // With one iteration per generation (num_iterations = 1) the sampling policy is the current one: ratio 1, gradient intact.
        var old = input.OldPerTokenLogps ?? logps.detach();
        TensorShapes.RequireSame(old, nameof(input.OldPerTokenLogps), logps, nameof(input.PerTokenLogps));
        var ratio = (logps - old.detach()).exp(); // (B, T)
        var clipped = ratio.clamp(1.0 - parameters.EpsilonLow, 1.0 + parameters.EpsilonHigh); // (B, T)
        var advantages = input.Advantages.detach().unsqueeze(1); // (B, 1)
        // Shao et al. 2024, Eq. 3: the PPO-clipped surrogate per token, minus β·KL (here added to a loss, so plus).
        var perTokenLoss = -minimum(ratio * advantages, clipped * advantages); // (B, T)
        Tensor? kl = null;
        if (parameters.Beta != 0)
        {
            var reference = input.RefPerTokenLogps
                ?? throw new ArgumentException("RefPerTokenLogps is required when beta > 0", nameof(input));
            var perTokenKl = PerTokenKl(logps, reference); // (B, T)
            perTokenLoss = perTokenLoss + perTokenKl * parameters.Beta;
            kl = MaskedMean(perTokenKl.detach(), mask);
        }

        var loss = Normalise(perTokenLoss * mask, mask, parameters); // ()
        var (low, high, region) = ClipRange.Fractions(ratio.detach(), advantages, parameters.EpsilonLow, parameters.EpsilonHigh, mask);
        return new GrpoLossOutput(loss, kl, low, high, region);
    }

    private static Tensor Normalise(Tensor maskedLoss, Tensor mask, GrpoLossParameters p)
    {
        var accumulation = (double)p.GradientAccumulationSteps;
        return p.LossType switch
        {
            GrpoLossType.Grpo => (maskedLoss.sum(-1) / mask.sum(-1).clamp_min(1.0)).mean() / accumulation,
            GrpoLossType.Bnpo => maskedLoss.sum() / mask.sum().clamp_min(1.0) / accumulation,
            GrpoLossType.DrGrpo => maskedLoss.sum() / (maskedLoss.shape[0] * (double)p.MaxCompletionLength!.Value) / accumulation,
            // TRL divides by num_items_in_batch (the generation batch's completion tokens) and not by the accumulation
            // steps: summing the micro-batches' losses gives the token mean over the whole generation batch.
            GrpoLossType.Dapo => p.NumItemsInBatch is { } items ? maskedLoss.sum() / items : maskedLoss.sum() / mask.sum().clamp_min(1.0),
            _ => throw new ArgumentOutOfRangeException(nameof(p), p.LossType, $"loss_type has no value {p.LossType}"),
        };
    }

    private static Tensor MaskedMean(Tensor values, Tensor mask) => (values * mask).sum() / mask.sum().clamp_min(1.0);
}

/// <summary>One micro-batch's inputs to <see cref="GrpoLoss.Compute"/>.</summary>
/// <param name="PerTokenLogps">Log-probs of the sampled tokens under the policy being trained, shape (B, T); carries the gradient.</param>
/// <param name="Advantages">Advantages from <see cref="GrpoLoss.ComputeAdvantages"/>, shape (B).</param>
/// <param name="CompletionMask">1 for completion tokens, 0 for padding and tokens after EOS, shape (B, T).</param>
public sealed record GrpoLossInput(Tensor PerTokenLogps, Tensor Advantages, Tensor CompletionMask)
{
    /// <summary>Log-probs under the policy that sampled the batch, shape (B, T); null when it is the current policy (<c>num_iterations</c> 1).</summary>
    public Tensor? OldPerTokenLogps { get; init; }

    /// <summary>Log-probs under the frozen reference, shape (B, T); required when β &gt; 0.</summary>
    public Tensor? RefPerTokenLogps { get; init; }
}

/// <summary>GRPO's loss hyper-parameters and what the loss type's normaliser needs.</summary>
/// <param name="LossType">The normaliser (<c>loss_type</c>).</param>
/// <param name="Beta">Weight of the k3 KL term (<c>beta</c>); 0 skips the reference model.</param>
/// <param name="EpsilonLow">Lower clip range (<c>epsilon</c>).</param>
/// <param name="EpsilonHigh">Upper clip range (<c>epsilon_high</c>, defaulting to <c>epsilon</c>).</param>
public sealed record GrpoLossParameters(GrpoLossType LossType, double Beta, double EpsilonLow, double EpsilonHigh)
{
    /// <summary>The constant length <see cref="GrpoLossType.DrGrpo"/> divides by (<c>max_completion_length</c>); required for it.</summary>
    public int? MaxCompletionLength { get; init; }

    /// <summary>
    /// Completion tokens of the whole generation batch, for <see cref="GrpoLossType.Dapo"/> (TRL's <c>num_items_in_batch</c>);
    /// null means this micro-batch's tokens (one micro-batch per generation).
    /// </summary>
    public double? NumItemsInBatch { get; init; }

    /// <summary>Micro-batches accumulated per optimizer step; grpo, bnpo and dr_grpo divide by it as TRL does.</summary>
    public int GradientAccumulationSteps { get; init; } = 1;

    internal void Validate()
    {
        if (!Enum.IsDefined(LossType))
        {
            throw new ArgumentException(Invariant($"loss_type has no value {LossType}"), "loss_type");
        }

        if (!(Beta >= 0) || double.IsInfinity(Beta))
        {
            throw new ArgumentException(Invariant($"beta must be >= 0 (got {Beta})"), "beta");
        }

        ClipRange.Validate(EpsilonLow, EpsilonHigh);
        if (LossType == GrpoLossType.DrGrpo && MaxCompletionLength is not > 0)
        {
            throw new ArgumentException(Invariant($"loss_type dr_grpo needs max_completion_length > 0 (got {MaxCompletionLength})"), "max_completion_length");
        }

        if (NumItemsInBatch is { } items && !(items > 0))
        {
            throw new ArgumentException(Invariant($"num_items_in_batch must be > 0 (got {items})"), "num_items_in_batch");
        }

        if (GradientAccumulationSteps <= 0)
        {
            throw new ArgumentException(Invariant($"gradient_accumulation_steps must be > 0 (got {GradientAccumulationSteps})"), "gradient_accumulation_steps");
        }
    }
}

/// <summary>GRPO's advantages for one generation batch and TRL's reward metrics, all detached.</summary>
/// <param name="Advantages">Per-completion advantages, shape (B).</param>
/// <param name="Reward">Mean reward, a scalar (TRL's <c>reward</c>).</param>
/// <param name="RewardStd">Mean of the per-completion standard deviation used for scaling, a scalar (TRL's <c>reward_std</c>).</param>
/// <param name="FracRewardZeroStd">Fraction of completions whose standard deviation is 0, a scalar (TRL's <c>frac_reward_zero_std</c>).</param>
public sealed record GrpoAdvantages(Tensor Advantages, Tensor Reward, Tensor RewardStd, Tensor FracRewardZeroStd)
{
    /// <summary>The scalar metrics under TRL's names, read for logging.</summary>
    public IEnumerable<KeyValuePair<string, double>> Metrics() =>
    [
        new("reward", Reward.ToDouble()), new("reward_std", RewardStd.ToDouble()), new("frac_reward_zero_std", FracRewardZeroStd.ToDouble()),
    ];
}

/// <summary>GRPO's loss on one micro-batch.</summary>
/// <param name="Loss">The normalised loss, a scalar carrying the gradient.</param>
/// <param name="Kl">Mean k3 KL over real tokens (TRL's <c>kl</c>); null when β is 0.</param>
/// <param name="ClipRatioLow">Fraction of real tokens clipped below with a negative advantage (<c>clip_ratio/low_mean</c>).</param>
/// <param name="ClipRatioHigh">Fraction clipped above with a positive advantage (<c>clip_ratio/high_mean</c>).</param>
/// <param name="ClipRatio">Fraction clipped either way (<c>clip_ratio/region_mean</c>).</param>
public sealed record GrpoLossOutput(Tensor Loss, Tensor? Kl, Tensor ClipRatioLow, Tensor ClipRatioHigh, Tensor ClipRatio)
{
    /// <summary>The scalar metrics under TRL's names (<c>kl</c> only when β &gt; 0), read for logging.</summary>
    public IEnumerable<KeyValuePair<string, double>> Metrics()
    {
        if (Kl is not null)
            yield return new("kl", Kl.ToDouble());
        yield return new("clip_ratio/low_mean", ClipRatioLow.ToDouble());
        yield return new("clip_ratio/high_mean", ClipRatioHigh.ToDouble());
        yield return new("clip_ratio/region_mean", ClipRatio.ToDouble());
    }
}
