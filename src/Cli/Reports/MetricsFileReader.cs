using Cai.Core.Runs;

namespace Cai.Cli.Reports;

/// <summary>Reads the training curves a report draws from a trainer's <c>metrics.jsonl</c> (TRL metric names).</summary>
internal static class MetricsFileReader
{
    /// <summary>The metrics drawn, train and eval (TRL prefixes eval metrics with <c>eval_</c>).</summary>
    public static IReadOnlyList<string> Metrics { get; } =
        ["loss", "eval_loss", "rewards/margins", "eval_rewards/margins", "rewards/accuracies", "eval_rewards/accuracies"];

    /// <summary>Reads <paramref name="path"/>; lines that are not JSON objects are counted in <paramref name="badLines"/> and skipped.</summary>
    public static TrainingCurves Read(string path, out int badLines)
    {
        var bad = 0;
        var rows = MetricsLog.Read(path, (_, _) => bad++);
        badLines = bad;
        // A row without a step is placed by its position; a value that is not a finite number is not drawn.
        var points = rows.Select((row, i) => (Step: row.GetValueOrDefault("step", i + 1.0), Row: row)).ToList();
        var series = new List<MetricSeries>();
        foreach (var metric in Metrics)
        {
            var drawn = points.Where(p => double.IsFinite(p.Row.GetValueOrDefault(metric, double.NaN))).ToList();
            if (drawn.Count > 0)
                series.Add(new MetricSeries(metric, [.. drawn.Select(p => p.Step)], [.. drawn.Select(p => p.Row[metric])]));
        }
        return new TrainingCurves(path, series);
    }
}
