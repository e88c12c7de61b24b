using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;

namespace Cai.Pipeline.Resilience;

/// <summary>
/// Retry, circuit-breaker and overall-timeout settings of the one Polly pipeline every remote call passes; the ranges of
/// durations are in seconds. A pipeline config sets two of them per model (<c>max_retries</c>, <c>retry_base_delay</c>).
/// </summary>
public sealed record ResilienceOptions : OptionsRecord
{
    /// <summary>Retries after the first attempt; 0 turns retries off.</summary>
    /// <value>The default value is 5.</value>
    [Range(0, int.MaxValue)]
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>Base delay of the exponential backoff (with jitter) when the server sends no Retry-After.</summary>
    /// <value>The default value is 1 second.</value>
    [Range(0.001, 3_600.0)]
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of a backoff delay (a server's Retry-After is honoured as sent).</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one logical call including all retries and waits.</summary>
    /// <value>The default value is 10 minutes.</value>
    [Range(0.001, double.PositiveInfinity)]
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Failure ratio within <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    /// <value>The default value is 0.5.</value>
    [Range(0.0, 1.0, MinimumIsExclusive = true)] // a ratio of 0 would open the circuit on no failure at all
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Attempts needed within the sampling window before the breaker may open.</summary>
    /// <value>The default value is 20.</value>
    [Range(2, int.MaxValue)]
    public int BreakerMinimumThroughput { get; init; } = 20;

    /// <summary>Window over which the failure ratio is measured (at least 0.5 s).</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(0.5, double.PositiveInfinity)]
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one trial call (at least 0.5 s).</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(0.5, double.PositiveInfinity)]
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public override void Validate()
    {
        base.Validate();
        if (MaxDelay < BaseDelay)
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), $"ResilienceOptions.MaxDelay must be >= BaseDelay (got {MaxDelay} < {BaseDelay}).");
    }
}
