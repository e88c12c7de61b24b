using System.Text.Json;

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
        var points = Metrics.ToDictionary(m => m, _ => new List<(double Step, double Value)>());
        badLines = 0;
        var index = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            index++;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var row = doc.RootElement;
                if (row.ValueKind != JsonValueKind.Object) { badLines++; continue; }
                var step = row.TryGetProperty("step", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : index;
                foreach (var metric in Metrics)
                    if (row.TryGetProperty(metric, out var v) && v.ValueKind == JsonValueKind.Number)
                        points[metric].Add((step, v.GetDouble()));
            }
            catch (JsonException)
            {
                badLines++;
            }
        }
        return new TrainingCurves(path, [.. Metrics.Where(m => points[m].Count > 0)
            .Select(m => new MetricSeries(m, [.. points[m].Select(p => p.Step)], [.. points[m].Select(p => p.Value)]))]);
    }
}
