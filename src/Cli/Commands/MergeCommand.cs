using Cai.Core.Runs;

namespace Cai.Cli.Commands;

/// <summary>
/// <c>cai merge &lt;dir&gt;... --out DIR</c>: joins the run directories of <c>--shard k/n</c> workers into one, with the
/// id rules of <see cref="RunMerge"/>. Rerunning <c>cai run</c> on the result rebuilds the exports from it.
/// </summary>
internal static class MergeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var dirs = new Argument<string[]>("run-dirs") { Description = "The shard run directories.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "The merged run directory (new, or without stage files).", Required = true };
        var command = new Command("merge", "Join shard run directories into one: ids checked, identical duplicates dropped, conflicts refused.")
        {
            dirs, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var inputs = parse.GetValue(dirs)!;
            foreach (var dir in inputs.Where(d => !Directory.Exists(d)))
                throw new CliException($"run directory not found: '{dir}'");
            var target = parse.GetValue(output)!;
            IReadOnlyList<RunMerge.FileResult> results;
            try
            {
                results = await RunMerge.MergeAsync(inputs, target, TimeProvider.System, cancellationToken);
            }
            catch (InvalidDataException ex)
            {
                throw new CliException(ex.Message, inner: ex);
            }
            context.Output.WriteLine($"merged {inputs.Length} run directories -> {Path.GetFullPath(target)}");
            foreach (var file in results)
                context.Output.WriteLine($"  {file.File}: {file.Lines} lines ({file.DuplicatesDropped} identical duplicates dropped)");
            return ExitCodes.Success;
        });
        return command;
    }
}
