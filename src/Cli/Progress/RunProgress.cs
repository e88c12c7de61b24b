using Cai.Pipeline.Runner;
using Spectre.Console;

namespace Cai.Cli.Progress;

/// <summary>
/// Spectre.Console progress bars, one per stage, fed by polling the runner's live counters. A bar's maximum is what
/// has reached the stage so far, so it grows as records flow in. Used only on an interactive terminal; otherwise the
/// runner's periodic log lines report progress.
/// </summary>
internal static class RunProgress
{
    /// <summary>True when stderr is a terminal that can show live progress.</summary>
    public static bool IsInteractive => !Console.IsErrorRedirected && !Console.IsOutputRedirected;

    /// <summary>Shows bars for <paramref name="runner"/>'s stages while <paramref name="run"/> runs.</summary>
    public static async Task<T> ShowAsync<T>(PipelineRunner runner, Func<Task<T>> run)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var bars = runner.Counters.Select(c => (Counters: c, Task: ctx.AddTask(c.Name, maxValue: 1))).ToList();
                var work = run();
                while (!work.IsCompleted)
                {
                    Update(bars);
                    await Task.WhenAny(work, Task.Delay(250)).ConfigureAwait(false);
                }
                Update(bars);
                result = await work.ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result;
    }

    static void Update(List<(StageCounters Counters, ProgressTask Task)> bars)
    {
        foreach (var (c, task) in bars)
        {
            var done = c.Processed + c.Skipped;
            task.MaxValue = Math.Max(1, c.Received);
            task.Value = done;
            task.Description = $"{c.Name} {done}/{c.Received} ({c.Written} written, {c.Failed} failed)";
            if (c.Completed)
                task.Value = task.MaxValue;
        }
    }
}
