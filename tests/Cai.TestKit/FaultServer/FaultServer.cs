using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cai.TestKit.FaultServer;

/// <summary>
/// An OpenAI-compatible server (/v1/chat/completions, /v1/models) on real Kestrel at 127.0.0.1 with a free port,
/// answering deterministically and injecting faults by seeded rates or a script. It counts requests, tracks the
/// most requests in flight at once, and records every request per logical id (the last user message).
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FaultServerOptions _options;
    private readonly Random _random;
    private readonly ConcurrentDictionary<string, List<FaultRequest>> _requests = new();
    private readonly ConcurrentQueue<string?> _authorizations = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _count;

    private FaultServer(WebApplication app, FaultServerOptions options)
    {
        _app = app;
        _options = options;
        _random = new Random(options.Seed);
    }

    /// <summary>The OpenAI base URL, e.g. http://127.0.0.1:41234/v1.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Chat requests received (every attempt counts).</summary>
    public int RequestCount => Volatile.Read(ref _count);

    /// <summary>The most chat requests that were in flight at the same moment.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>The Authorization header of the latest chat request, or null.</summary>
    public string? LastAuthorization { get; private set; }

    /// <summary>The Authorization header of every chat request in arrival order (null where there was none).</summary>
    public IReadOnlyList<string?> Authorizations => [.. _authorizations];

    /// <summary>The api-key header (Azure style) of the latest chat request, or null.</summary>
    public string? LastApiKey { get; private set; }

    /// <summary>The JSON body of the latest chat request.</summary>
    public string? LastBody { get; private set; }

    /// <summary>The request path of the latest chat request.</summary>
    public string? LastPath { get; private set; }

    /// <summary>The requests received for a logical id, in arrival order.</summary>
    public IReadOnlyList<FaultRequest> RequestsFor(string requestId)
    {
        if (!_requests.TryGetValue(requestId, out var list))
            return [];
        lock (list)
            return list.ToList();
    }

    /// <summary>Starts a server; dispose it to stop.</summary>
    public static async Task<FaultServer> StartAsync(FaultServerOptions? options = null)
    {
        options ??= new FaultServerOptions();
        if (options.Rates.Values.Sum() > 1 + 1e-9)
            throw new ArgumentException("Fault rates must sum to at most 1.", nameof(options));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FaultServer(app, options);
        app.MapPost("/v1/chat/completions", server.ChatAsync);
        app.MapPost("/openai/v1/chat/completions", server.ChatAsync); // Azure OpenAI's v1 path
        app.MapGet("/v1/models", () => Results.Json(new
        {
            @object = "list",
            data = new[] { new { id = "fault-model", @object = "model", created = 0, owned_by = "cai-tests" } },
        }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    private async Task ChatAsync(HttpContext http)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
            if (Interlocked.CompareExchange(ref _maxInFlight, now, max) == max)
                break;
        Interlocked.Increment(ref _count);
        LastAuthorization = http.Request.Headers.Authorization.FirstOrDefault();
        LastApiKey = http.Request.Headers["api-key"].FirstOrDefault();
        _authorizations.Enqueue(LastAuthorization);
        LastPath = http.Request.Path;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            LastBody = body.RootElement.GetRawText();
            var (model, lastUser, logProbs, top) = ChatCompletionJson.ReadRequest(body.RootElement);
            logProbs &= _options.SupportsLogProbabilities;
            var request = Record(lastUser);
            var fault = _options.Script?.Invoke(request) ?? Draw();
            await RespondAsync(http, fault, model, lastUser, logProbs, top, request.Attempt);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (attempt timeout); nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private FaultRequest Record(string requestId)
    {
        var list = _requests.GetOrAdd(requestId, _ => []);
        lock (list)
        {
            var request = new FaultRequest(requestId, list.Count + 1, _options.TimeProvider.GetUtcNow());
            list.Add(request);
            return request;
        }
    }

    private FaultKind Draw()
    {
        double roll;
        lock (_random)
            roll = _random.NextDouble();
        foreach (var (kind, rate) in _options.Rates.OrderBy(r => r.Key))
        {
            if (roll < rate)
                return kind;
            roll -= rate;
        }
        return FaultKind.None;
    }

    private async Task RespondAsync(HttpContext http, FaultKind fault, string model, string prompt, bool logProbs,
        int top, int attempt)
    {
        var response = http.Response;
        switch (fault)
        {
            case FaultKind.RateLimited:
                if (_options.RetryAfterMilliseconds is { } ms)
                    response.Headers["retry-after-ms"] = ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
                else
                    response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Error(response, 429, "rate_limit_exceeded", "Rate limit reached (injected).");
                return;
            case FaultKind.ServiceUnavailable:
                response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Error(response, 503, "server_overloaded", "Service unavailable (injected).");
                return;
            case FaultKind.ServerError:
                await Error(response, 500, "server_error", "Internal error (injected).");
                return;
            case FaultKind.EchoCredentials:
                var authorization = http.Request.Headers.Authorization.ToString();
                var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..] : authorization;
                await Error(response, 401, "invalid_api_key",
                    $"Incorrect API key provided: {token}. Received Authorization: {authorization}; api-key: {http.Request.Headers["api-key"]}.");
                return;
            case FaultKind.BadRequest:
                await Error(response, 400, "invalid_request_error", "Bad request (injected).");
                return;
            case FaultKind.DropConnection:
                http.Abort();
                return;
            case FaultKind.MalformedJson:
                response.ContentType = "application/json";
                await response.WriteAsync("{\"id\": \"chatcmpl-broken\", \"choices\": [{\"index\": 0, \"mess", http.RequestAborted);
                return;
            case FaultKind.Slow:
                await Task.Delay(_options.SlowDelay, http.RequestAborted);
                break;
        }
        if (_options.ResponseDelay > TimeSpan.Zero)
            await Task.Delay(_options.ResponseDelay, http.RequestAborted);
        var id = $"chatcmpl-{RequestCount}-{attempt}";
        await response.WriteAsJsonAsync(ChatCompletionJson.Response(id, model, _options.Responder(prompt), logProbs, top,
            _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds(), _options.FirstTokenLogProbs?.Invoke(prompt)), http.RequestAborted);
    }

    private static Task Error(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new { error = new { message, type = code, code, param = (string?)null } });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
