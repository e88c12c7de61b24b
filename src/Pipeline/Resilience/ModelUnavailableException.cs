using Cai.Core.Stages;
using Polly.CircuitBreaker;

namespace Cai.Pipeline.Resilience;

/// <summary>The circuit for a model is open after repeated failures; calls fail fast until it half-opens.</summary>
public sealed class ModelUnavailableException : BrokenCircuitException, IErrorKind
{
    /// <summary>Creates the exception for the model spec text <paramref name="model"/>.</summary>
    public ModelUnavailableException(string model, BrokenCircuitException inner)
        : base(Describe(model, inner.RetryAfter), inner.RetryAfter ?? TimeSpan.Zero, inner)
    {
        Model = model;
    }

    /// <summary>The model spec text.</summary>
    public string Model { get; }

    /// <inheritdoc />
    public string ErrorKind => "model_unavailable";

    private static string Describe(string model, TimeSpan? retryAfter) =>
        $"Model '{model}' is unavailable: its circuit breaker is open after repeated failures" +
        (retryAfter is { } wait ? $"; calls resume in about {wait.TotalSeconds:F1} s." : ".");
}
