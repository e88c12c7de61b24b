using Cai.Train.Plots;
using ScottPlot;

namespace Cai.Cli.Commands;

/// <summary>
/// Draws the violation-rate-vs-KL frontier as a PNG (ScottPlot 5): one labelled point per policy with standard-error
/// bars on both axes, the reference at KL 0 and a dashed line at half its violation rate (the experiment's target).
/// </summary>
internal static class EvalFrontierPlot
{
    /// <summary>Writes the plot of <paramref name="points"/> to <paramref name="path"/> (PNG, width x height pixels).</summary>
    /// <exception cref="ArgumentException">There are no points, or a point is not finite.</exception>
    public static void Save(IReadOnlyList<EvalFrontierPoint> points, string path, string title = "Violation rate vs KL from the reference",
        int width = 900, int height = 600)
    {
        if (points.Count == 0)
            throw new ArgumentException("A frontier needs at least one point.", nameof(points));
        if (points.FirstOrDefault(p => !double.IsFinite(p.KlPerSequence) || !double.IsFinite(p.ViolationRate)) is { } bad)
            throw new ArgumentException($"Point '{bad.Label}' is not finite (KL {bad.KlPerSequence}, violation rate {bad.ViolationRate}).", nameof(points));
        var plot = new Plot();
        var xs = points.Select(p => p.KlPerSequence).ToArray();
        var ys = points.Select(p => p.ViolationRate).ToArray();
        var bars = plot.Add.ErrorBar(xs, ys, points.Select(p => p.ViolationStandardError).ToArray());
        bars.XErrorPositive = points.Select(p => p.KlStandardError).ToArray();
        bars.XErrorNegative = points.Select(p => p.KlStandardError).ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < points.Count; i++)
        {
            var marker = plot.Add.Marker(xs[i], ys[i], MarkerShape.FilledCircle, 9, palette.GetColor(i));
            marker.LegendText = points[i].Label;
            var label = plot.Add.Text(points[i].Label, xs[i], ys[i]);
            label.LabelFontSize = 13;
            label.LabelOffsetX = 7;
            label.LabelOffsetY = -7;
        }
        if (points.FirstOrDefault(p => p.KlPerSequence == 0) is { } reference)
        {
            var target = plot.Add.HorizontalLine(reference.ViolationRate / 2);
            target.LinePattern = LinePattern.Dashed;
            target.LegendText = "half the reference's rate";
        }
        plot.Title(title);
        plot.XLabel("KL(policy || reference), nats per sequence");
        plot.YLabel("violation rate (rules judge)");
        var right = Math.Max(1, points.Max(p => p.KlPerSequence + p.KlStandardError));
        plot.Axes.SetLimitsX(Math.Min(0, xs.Min()) - right * 0.05, right * 1.2);
        plot.Axes.SetLimitsY(0, Math.Max(0.05, points.Max(p => p.ViolationRate + p.ViolationStandardError) * 1.2));
        plot.ShowLegend(Alignment.UpperRight);
        TrainingPlots.SavePng(plot, path, width, height);
    }
}
