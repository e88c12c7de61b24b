using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text.Json;

namespace Cai.Core.Stages;

/// <summary>
/// The one map from an exception to the <c>error_kind</c> a failed item records, used by every stage (generate,
/// critique, revise, prefs) and by the judge, so the same failure reads the same wherever it happened.
/// </summary>
public static class ErrorKinds
{
    /// <summary>The model answered, but with something unusable (e.g. an empty critique, no (A)/(B) log-probs, bad JSON).</summary>
    public const string InvalidOutput = "invalid_output";

    /// <summary>The input record cannot be processed by this stage (e.g. no pending round to revise).</summary>
    public const string InvalidInput = "invalid_input";

    /// <summary>The model call failed for another reason after the client's retries.</summary>
    public const string ModelError = "model_error";

    /// <summary>The call or one of its attempts ran out of time.</summary>
    public const string Timeout = "timeout";

    /// <summary>The provider answered HTTP 429. Other statuses are <c>http_&lt;status&gt;</c>, e.g. <c>http_500</c>.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The transport failed before any HTTP status (connection refused or reset).</summary>
    public const string HttpError = "http_error";

    /// <summary>The kind for <paramref name="exception"/>.</summary>
    public static string Of(Exception exception) => exception switch
    {
        IErrorKind known => known.ErrorKind,
        TimeoutException or OperationCanceledException => Timeout,
        _ when StatusOf(exception) is { } status => status == HttpStatusCode.TooManyRequests ? RateLimited : $"http_{(int)status}",
        _ when Chain(exception).Any(e => e is HttpRequestException) => HttpError,
        InvalidDataException or FormatException or JsonException => InvalidOutput,
        ArgumentException or KeyNotFoundException => InvalidInput,
        _ => ModelError,
    };

    /// <summary>
    /// The HTTP status carried by the exception or any inner one, or null for none: <see cref="HttpRequestException.StatusCode"/>,
    /// or the <c>Status</c> (int) or <c>StatusCode</c> (<see cref="HttpStatusCode"/>) property with which provider SDKs
    /// report it (System.ClientModel's <c>ClientResultException</c>, Semantic Kernel's <c>HttpOperationException</c>),
    /// read by name because Core references no provider SDK.
    /// </summary>
    public static HttpStatusCode? StatusOf(Exception exception)
    {
        foreach (var e in Chain(exception))
            if (StatusReaders.GetOrAdd(e.GetType(), StatusReader)(e) is { } status)
                return status;
        return null;
    }

    static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            yield return e;
    }

    static readonly ConcurrentDictionary<Type, Func<Exception, HttpStatusCode?>> StatusReaders = new();

    static Func<Exception, HttpStatusCode?> StatusReader(Type type)
    {
        if (type.GetProperty("StatusCode", BindingFlags.Public | BindingFlags.Instance) is { } code
            && (code.PropertyType == typeof(HttpStatusCode) || code.PropertyType == typeof(HttpStatusCode?)))
            return e => (HttpStatusCode?)code.GetValue(e);
        if (type.GetProperty("Status", BindingFlags.Public | BindingFlags.Instance) is { } status && status.PropertyType == typeof(int))
            return e => status.GetValue(e) is int s and > 0 ? (HttpStatusCode)s : null;
        return _ => null;
    }
}

/// <summary>An exception that knows its own <c>error_kind</c>, e.g. a model whose circuit is open is <c>model_unavailable</c>.</summary>
public interface IErrorKind
{
    /// <summary>The kind recorded for an item that failed with this exception.</summary>
    string ErrorKind { get; }
}
