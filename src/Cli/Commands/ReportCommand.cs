using Cai.Cli.Reports;
using Cai.Core.Storage;

namespace Cai.Cli.Commands;

/// <summary><c>cai report &lt;run-dir&gt;</c>: a self-contained HTML report of a run directory.</summary>
internal static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var runDir = new Argument<string>("run-dir") { Description = "The run directory (manifest.json, stage JSONL files, logs)." };
        var trainDir = new Option<string?>("--train-dir") { Description = "A training run directory whose metrics.jsonl to draw as well." };
        var output = new Option<string?>("--out", "-o") { Description = "The HTML file to write; default <run-dir>/report.html." };
        var command = new Command("report", "Write an HTML report of a run: stages, failures, principles, chains, labels, training, evaluations.")
        {
            runDir, trainDir, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dir = parse.GetValue(runDir)!;
            if (!Directory.Exists(dir))
                throw new CliException($"run directory not found: '{dir}'");
            var data = await RunDirectoryReader.ReadAsync(dir, parse.GetValue(trainDir), cancellationToken);
            var target = parse.GetValue(output) ?? Path.Combine(dir, "report.html");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            await AtomicFile.WriteAllTextAsync(target, HtmlReportWriter.Render(data), cancellationToken);
            context.Output.WriteLine($"wrote {target} ({data.Stages.Count} stages, {data.Chains.Count} chains, {data.Pairs} pairs, " +
                                     $"{data.Curves.Count} training logs, {data.Evaluations.Count} evaluations)");
            foreach (var note in data.Notes)
                context.Error.WriteLine($"note: {note}");
            return ExitCodes.Success;
        });
        return command;
    }
}
