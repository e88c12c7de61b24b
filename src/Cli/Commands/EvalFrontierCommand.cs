namespace Cai.Cli.Commands;

/// <summary>
/// <c>cai eval frontier &lt;eval.json&gt;... --out frontier.png</c>: plots violation rate against KL from the reference,
/// one point per eval report (a report without KL is the reference, at 0), and prints the points as a table.
/// </summary>
internal static class EvalFrontierCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Create(CliContext context)
    {
        var reports = new Argument<string[]>("reports") { Description = "eval.json files (cai eval with --constitution; --reference for KL).", Arity = ArgumentArity.OneOrMore };
        var labels = new Option<string[]>("--label") { Description = "Point labels in the order of the reports (default: each report's folder name).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string>("--out", "-o") { Description = "PNG to write.", DefaultValueFactory = _ => "frontier.png" };
        var title = new Option<string>("--title") { Description = "Plot title.", DefaultValueFactory = _ => "Violation rate vs KL from the reference" };
        var heldOut = new Option<bool>("--heldout") { Description = "Plot the held-out constitution's violation rate (cai eval --heldout-constitution) instead of the training judge's." };
        var command = new Command("frontier", "Plot violation rate vs KL per sequence from eval.json files (the alignment frontier).")
        {
            reports, labels, output, title, heldOut,
        };
        command.SetAction(parse =>
        {
            IReadOnlyList<EvalFrontierPoint> points;
            try { points = EvalFrontierSet.Read(parse.GetValue(reports)!, parse.GetValue(labels) ?? [], parse.GetValue(heldOut)); }
            catch (InvalidDataException ex) { throw new CliException(ex.Message); }
            EvalFrontierSet.WritePlot(context.Output, parse.GetValue(output)!, path => EvalFrontierPlot.Save(points, path, parse.GetValue(title)!),
                $"{"label",-20} {"KL/seq",10} {"± se",8} {"violations",11} {"± se",8}",
                points.Select(p => $"{p.Label,-20} {p.KlPerSequence,10:F3} {p.KlStandardError,8:F3} {p.ViolationRate,11:P1} {p.ViolationStandardError,8:P1}"));
            return ExitCodes.Success;
        });
        return command;
    }
}
