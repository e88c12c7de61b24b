using Spectre.Console;

namespace Cai.Cli.Progress;

/// <summary>
/// The one look of the CLI's progress bars (<c>cai run</c>, <c>cai train</c>, <c>cai eval</c>): drawn on stderr, so stdout
/// keeps only results, left on screen when done, with description, bar, percentage, elapsed and remaining time.
/// </summary>
internal static class ProgressBars
{
    /// <summary>A progress display on stderr, to start with the work it shows.</summary>
    public static Spectre.Console.Progress Create() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            .Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                new RemainingTimeColumn());
}
