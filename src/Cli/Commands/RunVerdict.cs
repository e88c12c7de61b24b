using Cai.Pipeline.Runner;

namespace Cai.Cli.Commands;

/// <summary>
/// The closing verdict of <c>cai run</c> and the stage commands: exit 0 only when every input reached every stage;
/// <see cref="ExitCodes.ItemsFailed"/> when items failed, unless <c>--allow-failures</c> accepts them (a warning) —
/// never when every item of a stage failed.
/// </summary>
internal static class RunVerdict
{
    /// <summary>Writes the verdict line (stdout when complete, stderr otherwise) and returns the exit code.</summary>
    public static int Report(CliContext context, RunOutcome outcome, bool allowFailures)
    {
        if (outcome.Complete)
        {
            context.Output.WriteLine("  every input reached every stage");
            return ExitCodes.Success;
        }
        var missing = outcome.Manifest.Stages
            .Select(s => (Stage: s.Key, Count: Math.Max(s.Value.Failed, outcome.Unfinished.GetValueOrDefault(s.Key))))
            .Where(s => s.Count > 0)
            .Select(s => $"{s.Stage} {s.Count}");
        var what = $"not every input reached every stage (missing: {string.Join(", ", missing)}); see <stage>.failed.jsonl and logs/, "
                   + "rerun with --retry-failed to retry them";
        if (outcome.StagesWhereEverythingFailed is { Count: > 0 } dead)
        {
            context.Error.WriteLine($"error: every item failed in {string.Join(", ", dead)}: {what}");
            return ExitCodes.ItemsFailed;
        }
        if (allowFailures)
        {
            context.Error.WriteLine($"warning: {what} (accepted by --allow-failures)");
            return ExitCodes.Success;
        }
        context.Error.WriteLine($"error: {what}; --allow-failures accepts them");
        return ExitCodes.ItemsFailed;
    }
}
