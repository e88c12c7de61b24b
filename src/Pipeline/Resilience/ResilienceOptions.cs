namespace Cai.Pipeline.Resilience;

/// <summary>Retry, circuit-breaker and overall-timeout settings of the one Polly pipeline every remote call passes.</summary>
public sealed record ResilienceOptions
{
    /// <summary>Retries after the first attempt; 0 turns retries off.</summary>
    /// <value>The default value is 5.</value>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>Base delay of the exponential backoff (with jitter) when the server sends no Retry-After.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of a backoff delay (a server's Retry-After is honoured as sent).</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one logical call including all retries and waits.</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Failure ratio within <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    /// <value>The default value is 0.5.</value>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Attempts needed within the sampling window before the breaker may open.</summary>
    /// <value>The default value is 20.</value>
    public int BreakerMinimumThroughput { get; init; } = 20;

    /// <summary>Window over which the failure ratio is measured (at least 0.5 s).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one trial call (at least 0.5 s).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (MaxRetryAttempts < 0)
            throw new ArgumentOutOfRangeException(nameof(MaxRetryAttempts), MaxRetryAttempts, "MaxRetryAttempts must be >= 0.");
        if (BaseDelay <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), BaseDelay, "BaseDelay must be positive.");
        if (MaxDelay < BaseDelay)
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "MaxDelay must be >= BaseDelay.");
        if (TotalTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(TotalTimeout), TotalTimeout, "TotalTimeout must be positive.");
        if (BreakerFailureRatio is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(BreakerFailureRatio), BreakerFailureRatio, "BreakerFailureRatio must be in (0, 1].");
        if (BreakerMinimumThroughput < 2)
            throw new ArgumentOutOfRangeException(nameof(BreakerMinimumThroughput), BreakerMinimumThroughput, "BreakerMinimumThroughput must be >= 2.");
        if (BreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
            throw new ArgumentOutOfRangeException(nameof(BreakerSamplingDuration), BreakerSamplingDuration, "BreakerSamplingDuration must be >= 0.5 s.");
        if (BreakDuration < TimeSpan.FromMilliseconds(500))
            throw new ArgumentOutOfRangeException(nameof(BreakDuration), BreakDuration, "BreakDuration must be >= 0.5 s.");
    }
}
