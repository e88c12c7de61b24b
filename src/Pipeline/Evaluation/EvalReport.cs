namespace Cai.Pipeline.Evaluation;

/// <summary>
/// Everything one <c>cai eval</c> computed, with what is needed to reproduce it: models, constitution hash, seed
/// and sample counts. Metrics that were not asked for are null.
/// </summary>
public sealed record EvalReport
{
    /// <summary>The model evaluated (path or id).</summary>
    public required string Model { get; init; }

    /// <summary>The reference model for the KL estimate.</summary>
    public string? Reference { get; init; }

    /// <summary>The model compared against in the win rate.</summary>
    public string? Compare { get; init; }

    /// <summary>The constitution's name.</summary>
    public string? Constitution { get; init; }

    /// <summary>The constitution's content hash.</summary>
    public string? ConstitutionHash { get; init; }

    /// <summary>The held-out constitution's name: a second set of checks, never used in training, judging the same completions.</summary>
    public string? HeldOutConstitution { get; init; }

    /// <summary>The held-out constitution's content hash.</summary>
    public string? HeldOutConstitutionHash { get; init; }

    /// <summary>The judge used for the win rate (<c>rules</c> or a model spec).</summary>
    public string? Judge { get; init; }

    /// <summary>The sampling seed.</summary>
    public required long Seed { get; init; }

    /// <summary>Prompts evaluated.</summary>
    public required int Prompts { get; init; }

    /// <summary>Completions sampled per prompt.</summary>
    public required int SamplesPerPrompt { get; init; }

    /// <summary>Most new tokens per completion.</summary>
    public required int MaxTokens { get; init; }

    /// <summary>Sampling temperature (violation and win rates).</summary>
    public required double Temperature { get; init; }

    /// <summary>Nucleus sampling mass; null when no filter was set.</summary>
    public double? TopP { get; init; }

    /// <summary>Top-k filter; null when none was set.</summary>
    public int? TopK { get; init; }

    /// <summary>The chat format prompts were rendered with; null when they were continued as raw text.</summary>
    public string? ChatFormat { get; init; }

    /// <summary>When the evaluation finished.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The constitution violation rate under the rules judge.</summary>
    public ViolationRateResult? ViolationRate { get; init; }

    /// <summary>The violation rate of the same completions under the held-out constitution's checks.</summary>
    public ViolationRateResult? HeldOutViolationRate { get; init; }

    /// <summary>The mean reward-model score of the same completions.</summary>
    public RewardScoreResult? RewardScore { get; init; }

    /// <summary>The KL estimate from the reference.</summary>
    public KlEstimate? Kl { get; init; }

    /// <summary>The pairwise win rate of the model against <see cref="Compare"/>.</summary>
    public WinRateResult? WinRate { get; init; }

    /// <summary>The judge's accuracy on the HHH comparisons.</summary>
    public MultipleChoiceResult? Hhh { get; init; }

    /// <summary>The reward model's held-out accuracy.</summary>
    public RewardAccuracyResult? RewardAccuracy { get; init; }
}

/// <summary>
/// The mean reward-model score of a model's sampled completions (the proxy reward a policy was trained against), to
/// set beside the violation rate of the same completions: a proxy that keeps rising while the true rate stops falling
/// is reward over-optimisation.
/// </summary>
public sealed record RewardScoreResult
{
    /// <summary>The reward model (folder).</summary>
    public required string RewardModel { get; init; }

    /// <summary>Completions scored.</summary>
    public required int Completions { get; init; }

    /// <summary>Mean score over the completions.</summary>
    public required double Mean { get; init; }

    /// <summary>
    /// Standard error of <see cref="Mean"/> over prompts (<see cref="StandardError.OverPrompts"/>, as for the violation rate);
    /// null with fewer than two prompts.
    /// </summary>
    public double? PromptStandardError { get; init; }

    /// <summary>
    /// Every completion's score, in the order of the completions (the order of the violation rate's samples), so that a
    /// report can be re-read story by story: best-of-n under the reward model, or the scores of the stories a judge fails.
    /// </summary>
    public IReadOnlyList<double>? Scores { get; init; }

    /// <summary>The mean and its standard error over prompts of <paramref name="scores"/> (one per completion).</summary>
    /// <exception cref="ArgumentException">There are no scores, or one is not finite.</exception>
    public static RewardScoreResult From(string rewardModel, IReadOnlyList<(string PromptId, double Score)> scores)
    {
        if (scores.Count == 0)
            throw new ArgumentException("No completions were scored.", nameof(scores));
        if (scores.FirstOrDefault(s => !double.IsFinite(s.Score)) is { PromptId: not null } bad)
            throw new ArgumentException($"The reward model scored a completion of prompt '{bad.PromptId}' {bad.Score}.", nameof(scores));
        var mean = scores.Sum(s => s.Score) / scores.Count;
        var se = StandardError.OverPrompts(scores);
        return new RewardScoreResult { RewardModel = rewardModel, Completions = scores.Count, Mean = mean, PromptStandardError = se,
            Scores = [.. scores.Select(s => s.Score)] };
    }
}
