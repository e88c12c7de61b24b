namespace Cai.Pipeline.Evaluation;

/// <summary>A reward model's held-out pair accuracy as its trainer logged it.</summary>
public sealed record RewardAccuracyResult
{
    /// <summary>The reward run directory read.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>The metric the value came from (<c>eval_rewards/accuracies</c> or <c>eval_accuracy</c>); null when none was found.</summary>
    public string? Metric { get; init; }

    /// <summary>The last logged accuracy; null when none was found.</summary>
    public double? Accuracy { get; init; }

    /// <summary>The training step it was logged at, when the line has one.</summary>
    public long? Step { get; init; }

    /// <summary>Why no accuracy is given, when it is not.</summary>
    public string? Note { get; init; }
}
