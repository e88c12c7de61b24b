using Cai.Pipeline.Runner;
using Spectre.Console;

namespace Cai.Cli.Progress;

/// <summary>
/// Spectre.Console progress bars, one per stage, fed by polling the runner's live counters, with elapsed and remaining
/// time. A bar's maximum is what the stage will receive when the number of prompts is known (each step's inputs per
/// prompt times the prompts), otherwise what has reached it so far, so it grows as records flow in. Used only on an
/// interactive terminal; otherwise the runner's periodic log lines report progress.
/// </summary>
internal static class RunProgress
{
    /// <summary>True when stderr is a terminal that can show live progress.</summary>
    public static bool IsInteractive => !Console.IsErrorRedirected && !Console.IsOutputRedirected;

    /// <summary>Shows bars for <paramref name="runner"/>'s stages while <paramref name="run"/> runs.</summary>
    /// <param name="runner">The runner whose counters the bars show.</param>
    /// <param name="run">The run.</param>
    /// <param name="expected">What each step will have received at the end, in step order; null when unknown.</param>
    public static async Task<T> ShowAsync<T>(PipelineRunner runner, Func<Task<T>> run, IReadOnlyList<int>? expected = null)
    {
        T result = default!;
        await ProgressBars.Create()
            .StartAsync(async ctx =>
            {
                var bars = runner.Counters.Select((c, i) => new Bar(c, ctx.AddTask(c.Name, maxValue: 1), expected?.ElementAtOrDefault(i) ?? 0))
                    .ToList();
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

    sealed record Bar(StageCounters Counters, ProgressTask Task, int Expected);

    static void Update(List<Bar> bars)
    {
        foreach (var (c, task, expected) in bars)
        {
            var done = c.Processed + c.Skipped;
            var total = Math.Max(expected, c.Received);
            task.MaxValue = Math.Max(1, total);
            task.Value = done;
            task.Description = $"{c.Name} {done}/{total} ({c.Written} written, {c.Failed} failed)";
            if (c.Completed)
                task.Value = task.MaxValue;
        }
    }
}
