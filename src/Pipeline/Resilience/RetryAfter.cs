using System.ClientModel;
using System.Globalization;

namespace Cai.Pipeline.Resilience;

/// <summary>Reads a server's requested wait (retry-after-ms, or Retry-After in seconds or as an HTTP date).</summary>
public static class RetryAfter
{
    /// <summary>
    /// The wait requested by a 429 or 503 response carried by <paramref name="exception"/> (directly, or inside
    /// Semantic Kernel's HttpOperationException), or null when there is none.
    /// </summary>
    public static TimeSpan? From(Exception? exception, TimeProvider timeProvider)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is not ClientResultException { Status: 429 or 503 } c || c.GetRawResponse() is not { } response)
                continue;
            response.Headers.TryGetValue("retry-after-ms", out var ms);
            response.Headers.TryGetValue("Retry-After", out var value);
            return Parse(ms, value, timeProvider.GetUtcNow());
        }
        return null;
    }

    /// <summary>Parses the header values; retry-after-ms wins. Negative or unparseable values give null.</summary>
    public static TimeSpan? Parse(string? retryAfterMs, string? retryAfter, DateTimeOffset now)
    {
        if (double.TryParse(retryAfterMs, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
            return TimeSpan.FromMilliseconds(millis);
        if (string.IsNullOrWhiteSpace(retryAfter))
            return null;
        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        if (DateTimeOffset.TryParseExact(retryAfter.Trim(), "r", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var date))
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
