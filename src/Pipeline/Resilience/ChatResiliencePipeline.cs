using System.Threading.RateLimiting;
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
/// attempt timeout sits inside the limiters so waiting in a queue never times an attempt out.
/// </summary>
public static class ChatResiliencePipeline
{
    /// <summary>Context key of the estimated token cost of a call, read by the tokens-per-minute limiter.</summary>
    public static readonly ResiliencePropertyKey<int> TokenEstimateKey = new("cai.token-estimate");

    /// <summary>Creates the pipeline; <paramref name="model"/> (a spec string, never a key) tags every log line.</summary>
    public static ResiliencePipeline Create(string model, ModelOptions options, ILogger logger, TimeProvider timeProvider)
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
                        model, args.AttemptNumber + 1, TransientFailure.StatusOf(args.Outcome.Exception!)?.ToString() ?? "no status",
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
        return builder
            .AddConcurrencyLimiter(options.MaxConcurrency, queueLimit: int.MaxValue)
            .AddTimeout(options.Timeout)
            .Build();
    }

    // A bucket refilled every second holds at most one minute's budget.
    private static TokenBucketRateLimiter PerMinute(int perMinute) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = perMinute,
        TokensPerPeriod = Math.Max(1, perMinute / 60),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });
}
