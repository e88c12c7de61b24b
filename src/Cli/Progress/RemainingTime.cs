using System.Globalization;

namespace Cai.Cli.Progress;

/// <summary>
/// The time left at the pace so far, for progress written as lines (redirected output); on a terminal Spectre's
/// RemainingTimeColumn draws its own estimate.
/// </summary>
internal static class RemainingTime
{
    /// <summary>What is left of <paramref name="total"/> at the rate of <paramref name="done"/> in <paramref name="elapsed"/>; null before anything is done.</summary>
    public static TimeSpan? Estimate(long done, long total, TimeSpan elapsed) =>
        done <= 0 || elapsed <= TimeSpan.Zero ? null
        : done >= total ? TimeSpan.Zero
        : TimeSpan.FromSeconds(elapsed.TotalSeconds * (total - done) / done);

    /// <summary><c>m:ss</c>, or <c>h:mm:ss</c> from an hour on, rounded to whole seconds; <c>unknown</c> for null.</summary>
    public static string Format(TimeSpan? time)
    {
        if (time is not { } t)
            return "unknown";
        var seconds = (long)Math.Round(t.TotalSeconds, MidpointRounding.AwayFromZero);
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{m}:{s:00}");
    }
}
