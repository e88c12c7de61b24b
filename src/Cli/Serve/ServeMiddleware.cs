using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Serve;

/// <summary>
/// What runs in front of <see cref="ServeHost"/>'s endpoints, outermost first: one summary log line per request, an
/// OpenAI-style 500 for any unexpected failure (never an empty body), the API key check, and the admission limit on
/// chat completions (429 with Retry-After when full).
/// </summary>
static class ServeMiddleware
{
    const string ChatPath = "/v1/chat/completions";

    public static void UseServeGuards(this WebApplication app, ServeOptions options, AdmissionLimiter limiter, ILogger logger)
    {
        var keyCheck = options.ApiKey is { } key ? new ApiKeyCheck(key) : null;
        app.Use(async (http, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(http);
            }
            finally
            {
                logger.LogInformation("{Method} {Path} {Status} in {Milliseconds:F0} ms{Aborted}", http.Request.Method,
                    http.Request.Path.Value, http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    http.RequestAborted.IsCancellationRequested ? " (client disconnected)" : "");
            }
        });
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                if (!http.Response.HasStarted)
                    http.Response.StatusCode = 499; // nginx's "client closed request", for the summary line
                logger.LogDebug("{Path}: the client disconnected; its generation was cancelled", http.Request.Path.Value);
            }
            catch (Exception e) when (e is not OpenAIError && !http.Response.HasStarted)
            {
                logger.LogError(e, "{Path} failed", http.Request.Path.Value);
                await new OpenAIError(500, "The server had an error while processing your request.", type: "server_error").WriteAsync(http.Response);
            }
        });
        if (keyCheck is not null)
            app.Use(async (http, next) =>
            {
                if (keyCheck.Accepts(http.Request.Headers.Authorization.FirstOrDefault()))
                {
                    await next(http);
                    return;
                }
                http.Response.Headers.WWWAuthenticate = "Bearer";
                await new OpenAIError(401, "Incorrect or missing API key: send it as 'Authorization: Bearer <key>'.",
                    code: "invalid_api_key").WriteAsync(http.Response);
            });
        app.Use(async (http, next) =>
        {
            if (!http.Request.Path.Equals(ChatPath, StringComparison.Ordinal))
            {
                await next(http);
                return;
            }
            if (!limiter.TryEnter())
            {
                http.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await new OpenAIError(429, $"This server is busy: {options.MaxQueue} requests are already admitted; retry later.",
                    code: "rate_limit_exceeded", type: "requests").WriteAsync(http.Response);
                return;
            }
            try
            {
                logger.LogDebug("{Path}: admitted ({Admitted} of {MaxQueue})", http.Request.Path.Value, limiter.Admitted, options.MaxQueue);
                await next(http);
            }
            finally
            {
                limiter.Exit();
            }
        });
    }
}
