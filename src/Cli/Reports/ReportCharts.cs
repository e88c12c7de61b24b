using ScottPlot;

namespace Cai.Cli.Reports;

/// <summary>PNG charts for the HTML report, drawn with ScottPlot.</summary>
internal static class ReportCharts
{
    /// <summary>Bins of width 0.1 over [0, 1]: counts of label probabilities (1.0 falls in the last bin).</summary>
    public static int[] LabelProbabilityBins(IReadOnlyList<double> labelProbs)
    {
        var counts = new int[10];
        foreach (var p in labelProbs)
            counts[Math.Clamp((int)Math.Floor(p * 10), 0, 9)]++;
        return counts;
    }

    /// <summary>A histogram of preference pairs' label_prob as PNG bytes.</summary>
    public static byte[] LabelHistogramPng(IReadOnlyList<double> labelProbs)
    {
        var counts = LabelProbabilityBins(labelProbs);
        var plot = new Plot();
        var bars = plot.Add.Bars(Enumerable.Range(0, 10).Select(i => i * 0.1 + 0.05).ToArray(), counts.Select(c => (double)c).ToArray());
        foreach (var bar in bars.Bars) bar.Size = 0.09;
        plot.Title("label confidence (label_prob)");
        plot.XLabel("label_prob");
        plot.YLabel("pairs");
        plot.Axes.SetLimitsX(0, 1);
        plot.Axes.Margins(bottom: 0);
        return plot.GetImageBytes(640, 360, ImageFormat.Png);
    }

    /// <summary>One chart of a metric's train and eval series (e.g. loss and eval_loss) as PNG bytes.</summary>
    public static byte[] CurvePng(string title, IReadOnlyList<MetricSeries> series)
    {
        var plot = new Plot();
        foreach (var s in series)
            plot.Add.Scatter(s.Steps.ToArray(), s.Values.ToArray()).LegendText = s.Name;
        plot.Title(title);
        plot.XLabel("step");
        plot.ShowLegend();
        return plot.GetImageBytes(640, 360, ImageFormat.Png);
    }
}
