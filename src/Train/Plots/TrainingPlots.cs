using Cai.Core.Runs;
using Cai.Core.Storage;

namespace Cai.Train.Plots;

/// <summary>Renders training curves from metrics.jsonl as PNGs (ScottPlot 5): loss, rewards/margins and rewards/accuracies, train and eval.</summary>
public static class TrainingPlots
{
    /// <summary>The metrics plotted, one PNG each (<c>loss.png</c>, <c>rewards_margins.png</c>, <c>rewards_accuracies.png</c>).</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["loss", "rewards/margins", "rewards/accuracies"];

    /// <summary>Renders <paramref name="plot"/> as a PNG to <paramref name="path"/> atomically (every plot the tool writes goes through here).</summary>
    public static void SavePng(ScottPlot.Plot plot, string path, int width, int height) =>
        AtomicFile.Write(path, stream => stream.Write(plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png)));

    /// <summary>Writes one PNG per metric that has at least one value; returns the files written.</summary>
    /// <param name="metricsPath">A metrics.jsonl file.</param>
    /// <param name="outputDir">Where the PNGs go.</param>
    /// <param name="metrics">The metrics to plot; null means <see cref="Metrics"/>.</param>
    public static IReadOnlyList<string> Write(string metricsPath, string outputDir, IReadOnlyList<string>? metrics = null)
    {
        if (!File.Exists(metricsPath))
            return [];
        var lines = MetricsLog.Read(metricsPath);
        var written = new List<string>();
        foreach (var metric in metrics ?? Metrics)
        {
            var train = Series(lines, metric);
            var eval = Series(lines, "eval_" + metric);
            if (train.X.Length == 0 && eval.X.Length == 0)
                continue;
            var plot = new ScottPlot.Plot();
            if (train.X.Length > 0)
                plot.Add.Scatter(train.X, train.Y).LegendText = "train";
            if (eval.X.Length > 0)
                plot.Add.Scatter(eval.X, eval.Y).LegendText = "eval";
            plot.Title(metric);
            plot.XLabel("step");
            plot.YLabel(metric);
            plot.ShowLegend();
            var path = Path.Combine(outputDir, metric.Replace('/', '_') + ".png");
            SavePng(plot, path, 800, 500);
            written.Add(path);
        }

        return written;
    }

    static (double[] X, double[] Y) Series(IReadOnlyList<IReadOnlyDictionary<string, double>> lines, string name)
    {
        var points = lines.Where(l => l.ContainsKey(name) && l.ContainsKey("step") && double.IsFinite(l[name]))
            .Select(l => (l["step"], l[name])).ToArray();
        return (points.Select(p => p.Item1).ToArray(), points.Select(p => p.Item2).ToArray());
    }
}
