using System.ClientModel;
using Cai.Core.Records;
using Cai.Pipeline.Resilience;

namespace Cai.Pipeline.Runner;

/// <summary>Turns an exception thrown by a stage into the <see cref="FailureRecord"/> written for the item.</summary>
public static class FailureKinds
{
    /// <summary>The failure of item <paramref name="id"/> at <paramref name="stage"/>.</summary>
    public static FailureRecord From(string id, string stage, Exception exception) => new()
    {
        Id = id,
        Stage = stage,
        ErrorKind = Kind(exception),
        Message = exception.Message,
        // The resilience layer retries inside one call; when it gives up the stage saw one failed call.
        Attempts = 1,
    };

    /// <summary>A short machine-readable kind, e.g. <c>timeout</c>, <c>rate_limited</c>, <c>http_500</c>.</summary>
    public static string Kind(Exception exception) => exception switch
    {
        TimeoutException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException => "timeout",
        ModelUnavailableException => "model_unavailable",
        _ when TransientFailure.StatusOf(exception) is { } status => (int)status == 429 ? "rate_limited" : $"http_{(int)status}",
        ClientResultException or HttpRequestException => "http_error",
        InvalidDataException or FormatException or System.Text.Json.JsonException => "invalid_output",
        _ => exception.GetType().Name,
    };
}
