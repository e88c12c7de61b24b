using System.Globalization;
using Spectre.Console;

namespace Cai.Cli.Progress;

/// <summary>
/// Progress of <c>cai eval</c> over the completions it samples (the slow part: violation rate, KL and win rate each
/// sample every prompt k times). On an interactive terminal a Spectre bar with elapsed and remaining time; otherwise a
/// line every <c>interval</c>, written when a generation batch finishes:
/// <c>eval: 40/160 completions sampled (25%), 0:12 elapsed, about 0:36 left</c>.
/// </summary>
internal sealed class EvalProgress
{
    readonly int total;
    readonly TimeSpan interval;
    readonly TimeProvider time;
    readonly Action<string>? writeLine;
    readonly long start;
    readonly Lock gate = new();
    int done;
    TimeSpan lastLine;
    ProgressTask? bar;

    /// <summary>Progress over <paramref name="total"/> completions.</summary>
    /// <param name="total">Completions the whole evaluation samples.</param>
    /// <param name="interval">Least time between two lines.</param>
    /// <param name="time">The clock lines measure elapsed time with.</param>
    /// <param name="writeLine">Where lines go (redirected output); null when a bar shows progress instead.</param>
    public EvalProgress(int total, TimeSpan interval, TimeProvider time, Action<string>? writeLine)
    {
        (this.total, this.interval, this.time, this.writeLine) = (total, interval, time, writeLine);
        start = time.GetTimestamp();
    }

    /// <summary>Counts <paramref name="completions"/> sampled; writes a line when one is due.</summary>
    public void Add(int completions)
    {
        string? line = null;
        lock (gate)
        {
            done += completions;
            if (bar is not null)
            {
                bar.Value = done;
                bar.Description = Description(done);
            }
            var elapsed = time.GetElapsedTime(start);
            if (writeLine is not null && elapsed - lastLine >= interval)
            {
                lastLine = elapsed;
                line = Line(done, total, elapsed);
            }
        }
        if (line is not null)
            writeLine!(line);
    }

    /// <summary>The line for <paramref name="done"/> of <paramref name="total"/> after <paramref name="elapsed"/>.</summary>
    public static string Line(int done, int total, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture,
            $"eval: {done}/{total} completions sampled ({(total > 0 ? 100.0 * done / total : 100):F0}%), {RemainingTime.Format(elapsed)} elapsed, " +
            $"about {RemainingTime.Format(RemainingTime.Estimate(done, total, elapsed))} left");

    /// <summary>Runs <paramref name="work"/> under a bar drawn on stderr.</summary>
    public async Task<T> ShowAsync<T>(Func<Task<T>> work)
    {
        T result = default!;
        await ProgressBars.Create()
            .StartAsync(async ctx =>
            {
                lock (gate)
                    bar = ctx.AddTask(Description(0), maxValue: Math.Max(1, total));
                result = await work().ConfigureAwait(false);
                lock (gate)
                    bar.Value = bar.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }

    string Description(int sampled) => $"eval {sampled}/{total} completions";
}
