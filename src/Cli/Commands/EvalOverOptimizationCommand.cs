using Cai.Pipeline.Evaluation;
using Cai.Train.Plots;
using ScottPlot;

namespace Cai.Cli.Commands;

/// <summary>
/// <c>cai eval overoptimization &lt;eval.json&gt;... --out curve.png</c>: reward over-optimisation along one training
/// run (Gao et al. 2022). The reports are checkpoints of one policy evaluated alike with <c>--reward-model</c>,
/// <c>--constitution</c> and <c>--reference</c>; against KL from the reference it draws the reward model's mean score
/// (the proxy the policy was trained on, left axis) and the violation rates of the same completions under the
/// constitution's checks and, where given, the held-out constitution's (right axis). A proxy that keeps rising while
/// the true rates stop falling is the policy learning the reward model instead of the constitution.
/// </summary>
static class EvalOverOptimizationCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create(CliContext context)
    {
        var reports = new Argument<string[]>("reports") { Description = "eval.json files of one run's checkpoints (cai eval with --reward-model, --constitution and --reference; the base without --reference is KL 0).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "PNG to write.", DefaultValueFactory = _ => "overoptimization.png" };
        var title = new Option<string>("--title") { Description = "Plot title.", DefaultValueFactory = _ => "Reward-model score and violation rate vs KL" };
        var command = new Command("overoptimization", "Plot reward-model score and true violation rates against KL along one training run (reward over-optimisation).")
        {
            reports, output, title,
        };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(reports)!;
            IReadOnlyList<EvalReport> loaded;
            try { loaded = EvalFrontierSet.Reports(paths, heldOut: true); }
            catch (InvalidDataException ex) { throw new CliException(ex.Message); }
            var points = loaded.Select((r, i) => Point.From(r, paths[i])).OrderBy(p => p.Kl).ToList();
            EvalFrontierSet.WritePlot(context.Output, parse.GetValue(output)!, path => Save(points, path, parse.GetValue(title)!),
                $"{"report",-44} {"KL/seq",8} {"RM score",9} {"violations",11} {"held-out",9}",
                points.Select(p => $"{p.Label,-44} {p.Kl,8:F3} {p.Score,9:F3} {p.Violations,11:P1} {(p.HeldOut is { } h ? h.ToString("P1") : "-"),9}"));
            return ExitCodes.Success;
        });
        return command;
    }

    sealed record Point(string Label, double Kl, double Score, double ScoreError, double Violations, double? HeldOut)
    {
        public static Point From(EvalReport r, string path)
        {
            var score = r.RewardScore ?? throw new CliException($"{path}: field 'reward_score' is missing; run cai eval with --reward-model.");
            var violations = r.ViolationRate ?? throw new CliException($"{path}: field 'violation_rate' is missing; run cai eval with --constitution.");
            return new Point(EvalFrontierSet.DefaultLabel(path), r.Kl?.KlPerSequence ?? 0, score.Mean, score.PromptStandardError ?? 0,
                violations.ViolationRate, r.HeldOutViolationRate?.ViolationRate);
        }
    }

    static void Save(IReadOnlyList<Point> points, string path, string title)
    {
        var plot = new Plot();
        var xs = points.Select(p => p.Kl).ToArray();
        var score = plot.Add.Scatter(xs, points.Select(p => p.Score).ToArray());
        score.LegendText = "reward-model score (left)";
        score.MarkerSize = 8;
        var bars = plot.Add.ErrorBar(xs, points.Select(p => p.Score).ToArray(), points.Select(p => p.ScoreError).ToArray());
        bars.Color = score.Color;
        var violations = plot.Add.Scatter(xs, points.Select(p => p.Violations).ToArray());
        violations.LegendText = "violation rate, training judge (right)";
        violations.Axes.YAxis = plot.Axes.Right;
        violations.LinePattern = LinePattern.Dashed;
        violations.MarkerSize = 8;
        if (points.All(p => p.HeldOut is not null))
        {
            var heldOut = plot.Add.Scatter(xs, points.Select(p => p.HeldOut!.Value).ToArray());
            heldOut.LegendText = "violation rate, held-out judge (right)";
            heldOut.Axes.YAxis = plot.Axes.Right;
            heldOut.LinePattern = LinePattern.Dotted;
            heldOut.MarkerSize = 8;
        }
        plot.Title(title);
        plot.XLabel("KL(policy || reference), nats per sequence");
        plot.Axes.Left.Label.Text = "reward-model score (mean)";
        plot.Axes.Right.Label.Text = "violation rate";
        plot.Axes.SetLimitsY(0, Math.Max(0.05, points.Max(p => Math.Max(p.Violations, p.HeldOut ?? 0)) * 1.2), plot.Axes.Right);
        plot.ShowLegend(Alignment.UpperRight);
        TrainingPlots.SavePng(plot, path, 900, 600);
    }
}
