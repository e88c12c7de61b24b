using Cai.Core.Runs;

namespace Cai.Pipeline.Evaluation;

/// <summary>
/// Reads a reward model's held-out accuracy from a training run's <c>metrics.jsonl</c> (one JSON object per logged
/// step, TRL metric names): the last line carrying <c>eval_rewards/accuracies</c> or <c>eval_accuracy</c>.
/// </summary>
public static class RewardAccuracyReader
{
    /// <summary>The metric names looked for, in order of preference.</summary>
    public static IReadOnlyList<string> MetricNames { get; } = ["eval_rewards/accuracies", "eval_accuracy"];

    /// <summary>Reads <c>metrics.jsonl</c> in <paramref name="runDirectory"/>; a missing file or metric gives a note, not an error.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not a JSON object; the message names file and line.</exception>
    public static RewardAccuracyResult Read(string runDirectory)
    {
        if (!Directory.Exists(runDirectory))
            throw new DirectoryNotFoundException($"Reward run directory not found: '{runDirectory}'.");
        var path = Path.Combine(runDirectory, MetricsLog.FileName);
        if (!File.Exists(path))
            return new RewardAccuracyResult { RunDirectory = runDirectory, Note = $"no {MetricsLog.FileName} in '{runDirectory}'" };
        RewardAccuracyResult? last = null;
        foreach (var row in MetricsLog.Read(path))
        {
            if (MetricNames.FirstOrDefault(name => double.IsFinite(row.GetValueOrDefault(name, double.NaN))) is { } name)
            {
                last = new RewardAccuracyResult
                {
                    RunDirectory = runDirectory,
                    Metric = name,
                    Accuracy = row[name],
                    Step = row.TryGetValue("step", out var step) && double.IsInteger(step) ? (long)step : null,
                };
            }
        }
        return last ?? new RewardAccuracyResult
        {
            RunDirectory = runDirectory,
            Note = $"{path} has no {string.Join(" or ", MetricNames)}",
        };
    }
}

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
