using System.Net;
using System.Text.Json;
using Cai.Core.Stages;
using Polly.Timeout;

namespace Cai.Pipeline.Resilience;

/// <summary>Decides which failures of a model call are worth retrying.</summary>
public static class TransientFailure
{
    /// <summary>
    /// True for 408, 429 and 5xx responses, transport errors (connection reset or dropped, I/O), a timed-out
    /// attempt, and a garbled response body; false for other 4xx (400, 401, 403, 404 never heal by retrying)
    /// and for cancellation by the caller.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        if (ErrorKinds.StatusOf(exception) is { } status)
            return status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // A truncated or garbled body (proxy hiccup, dropped stream) is a transport fault seen late.
            if (e is HttpRequestException or IOException or TimeoutRejectedException or JsonException)
                return true;
        }
        return false;
    }
}
