namespace Cai.Core.Judging;

/// <summary>The <c>error_kind</c> a stage writes to its failed file for an exception from a model or judge call.</summary>
public static class ErrorKinds
{
    /// <summary>The model answered, but with something unusable (e.g. an empty critique, no (A)/(B) log-probs).</summary>
    public const string InvalidOutput = "invalid_output";

    /// <summary>The input record cannot be processed by this stage (e.g. no pending round to revise).</summary>
    public const string InvalidInput = "invalid_input";

    /// <summary>The model call itself failed (transport, timeout, provider error) after the client's retries.</summary>
    public const string ModelError = "model_error";

    /// <summary>The kind for <paramref name="exception"/>.</summary>
    public static string Of(Exception exception) => exception switch
    {
        InvalidDataException => InvalidOutput,
        ArgumentException or KeyNotFoundException => InvalidInput,
        TimeoutException => "timeout",
        _ => ModelError,
    };
}
