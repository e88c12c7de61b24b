using System.Threading.RateLimiting;
using Cai.Core.Stages;
using Cai.Pipeline.Providers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace Cai.Pipeline.Resilience;

/// <summary>
/// Builds the one Polly pipeline for a model, outermost first: total timeout, retry (exponential backoff with
/// jitter, honouring Retry-After), circuit breaker, requests-per-minute and tokens-per-minute limiters, concurrency
/// limiter, per-attempt timeout. Limiters sit inside the retry so every attempt is counted and throttled, and the
/// attempt timeout sits inside the limiters so waiting in a queue never times an attempt out. Disposing it stops
/// the limiters' refill timers.
/// </summary>
public sealed class ChatResiliencePipeline : IDisposable
{
    private readonly List<IDisposable> owned = [];

    /// <summary>Context key of the estimated token cost of a call, read by the tokens-per-minute limiter.</summary>
    public static readonly ResiliencePropertyKey<int> TokenEstimateKey = new("cai.token-estimate");

    /// <summary>Creates the pipeline; <paramref name="model"/> (a spec string, never a key) tags every log line.</summary>
    public ChatResiliencePipeline(string model, ModelOptions options, ILogger logger, TimeProvider timeProvider)
    {
        options.Validate();
        var r = options.Resilience;
        var shouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailure.IsTransient);
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddTimeout(r.TotalTimeout);
        if (r.MaxRetryAttempts > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = shouldHandle,
                MaxRetryAttempts = r.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = r.BaseDelay,
                MaxDelay = r.MaxDelay,
                DelayGenerator = args => new(RetryAfter.From(args.Outcome.Exception, timeProvider)),
                OnRetry = args =>
                {
                    logger.LogWarning("Model {Model}: attempt {Attempt} failed ({Status}: {Error}); retrying in {DelayMs:F0} ms",
                        model, args.AttemptNumber + 1, ErrorKinds.StatusOf(args.Outcome.Exception!)?.ToString() ?? "no status",
                        args.Outcome.Exception?.GetType().Name, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = shouldHandle,
            FailureRatio = r.BreakerFailureRatio,
            MinimumThroughput = r.BreakerMinimumThroughput,
            SamplingDuration = r.BreakerSamplingDuration,
            BreakDuration = r.BreakDuration,
            OnOpened = args =>
            {
                logger.LogError("Model {Model}: circuit opened for {BreakSeconds:F1} s after {Error}",
                    model, args.BreakDuration.TotalSeconds, args.Outcome.Exception?.GetType().Name);
                return default;
            },
            OnHalfOpened = _ =>
            {
                logger.LogInformation("Model {Model}: circuit half-open, trying one call", model);
                return default;
            },
            OnClosed = _ =>
            {
                logger.LogInformation("Model {Model}: circuit closed", model);
                return default;
            },
        });
        if (options.RequestsPerMinute is { } rpm)
            builder.AddRateLimiter(PerMinute(rpm));
        if (options.TokensPerMinute is { } tpm)
        {
            var tokens = PerMinute(tpm);
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => tokens.AcquireAsync(
                    Math.Clamp(args.Context.Properties.GetValue(TokenEstimateKey, 1), 1, tpm), args.Context.CancellationToken),
            });
        }
        var concurrency = Own(new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrency,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
        Pipeline = builder
            .AddRateLimiter(concurrency)
            .AddTimeout(options.Timeout)
            .Build();
    }

    /// <summary>The Polly pipeline.</summary>
    public ResiliencePipeline Pipeline { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var limiter in owned)
            limiter.Dispose();
    }

    private T Own<T>(T limiter) where T : IDisposable
    {
        owned.Add(limiter);
        return limiter;
    }

    // A bucket holding one minute's budget, refilled at most ten times a second at exactly perMinute per minute.
    private TokenBucketRateLimiter PerMinute(int perMinute)
    {
        var tokensPerPeriod = (perMinute + 599) / 600;
        return Own(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromTicks(TimeSpan.TicksPerMinute * tokensPerPeriod / perMinute),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
    }
}
