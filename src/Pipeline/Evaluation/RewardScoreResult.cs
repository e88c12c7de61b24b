namespace Cai.Pipeline.Evaluation;

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
    /// Standard error of <see cref="Mean"/> over prompts (<see cref="PromptClusters"/>, as for the violation rate);
    /// null with fewer than two prompts.
    /// </summary>
    public double? PromptStandardError { get; init; }

    /// <summary>The mean and its standard error over prompts of <paramref name="scores"/> (one per completion).</summary>
    /// <exception cref="ArgumentException">There are no scores, or one is not finite.</exception>
    public static RewardScoreResult From(string rewardModel, IReadOnlyList<(string PromptId, double Score)> scores)
    {
        if (scores.Count == 0)
            throw new ArgumentException("No completions were scored.", nameof(scores));
        if (scores.FirstOrDefault(s => !double.IsFinite(s.Score)) is { PromptId: not null } bad)
            throw new ArgumentException($"The reward model scored a completion of prompt '{bad.PromptId}' {bad.Score}.", nameof(scores));
        var mean = scores.Sum(s => s.Score) / scores.Count;
        var se = PromptClusters.StandardErrorOfMean(scores);
        return new RewardScoreResult { RewardModel = rewardModel, Completions = scores.Count, Mean = mean, PromptStandardError = se };
    }
}
