using System.Text.Json.Nodes;
using Cai.Pipeline.Local;
using Microsoft.Extensions.AI;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Serve;

/// <summary>
/// An OpenAI-compatible HTTP server (ASP.NET Core minimal API on Kestrel) over a <see cref="LocalChatClient"/>:
/// GET /v1/models and POST /v1/chat/completions, with or without <c>stream</c> (server-sent chunks, each sent as
/// its token is decoded). Requests are validated into OpenAI-style error bodies; concurrent requests wait for the
/// model in the client's queue and are decoded together. Used by <c>cai serve</c> and, in-process, by tests.
/// </summary>
internal sealed class ServeHost : IAsyncDisposable
{
    readonly WebApplication app;

    ServeHost(WebApplication app, Uri baseUrl, string modelName)
    {
        this.app = app;
        BaseUrl = baseUrl;
        ModelName = modelName;
    }

    /// <summary>The bound address, e.g. http://127.0.0.1:40123 (OpenAI clients use <c>{BaseUrl}v1</c>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Fires when the host begins shutting down (Ctrl+C / SIGTERM seen by ASP.NET's console lifetime).</summary>
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;

    /// <summary>The name requests must use as "model".</summary>
    public string ModelName { get; }

    /// <summary>Binds and starts the server; returns once it accepts connections.</summary>
    /// <exception cref="IOException">The address is in use or cannot be bound.</exception>
    public static Task<ServeHost> StartAsync(LocalChatClient client, ServeOptions options,
        ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        StartAsync(client, client.Model.Id, client.Model.Info.MaxLength, options, loggerFactory, cancellationToken);

    /// <summary>Serves any chat client; <paramref name="modelId"/> and <paramref name="contextLength"/> stand for the model's.</summary>
    internal static async Task<ServeHost> StartAsync(IChatClient client, string modelId, int contextLength, ServeOptions options,
        ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var modelName = options.ModelName ?? modelId;
        var maxTokens = options.MaxTokensLimit ?? contextLength;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
            builder.Logging.AddProvider(new ServeLogging(loggerFactory)).SetMinimumLevel(LogLevel.Trace);
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        var app = builder.Build();
        var logger = (loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<ServeHost>();
        if (options.ApiKey is null && !IsLoopback(options.Host))
            logger.LogWarning("Serving on {Host} without an API key: anyone who can reach port {Port} can use the model; " +
                              "pass --api-key (or set CAI_SERVE_API_KEY) to require 'Authorization: Bearer <key>'", options.Host, options.Port);
        app.MapGet("/v1/models", () => Results.Text(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject { ["id"] = modelName, ["object"] = "model", ["created"] = 0, ["owned_by"] = "cai" }),
        }.ToJsonString(), "application/json"));
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            var request = await ChatRequestReader.ReadAsync(http.Request, modelName, maxTokens, options, http.RequestAborted);
            if (request.Stream)
            {
                await StreamAsync(client, request, modelName, http);
                return Results.Empty;
            }
            var response = await Generate(client, request, http.RequestAborted);
            return Results.Text(ChatCompletionResponse.ToJson(response, modelName, request.LogProbs).ToJsonString(), "application/json");
        });
        app.MapFallback((HttpContext http) => Error(new OpenAIError(404,
            $"Unknown route {http.Request.Method} {http.Request.Path}; this server has GET /v1/models and POST /v1/chat/completions.")));
        app.UseServeGuards(options, new AdmissionLimiter(options.MaxQueue), logger);
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (OpenAIError e)
            {
                await Error(e).ExecuteAsync(http);
            }
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is Microsoft.AspNetCore.Connections.AddressInUseException or IOException)
        {
            await app.DisposeAsync();
            throw new IOException(e.Message, e);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServeHost(app, new Uri(address.Replace("://[::]", "://localhost", StringComparison.Ordinal)), modelName);
    }

    /// <summary>Stops accepting requests and finishes the ones in flight.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    static async Task<Microsoft.Extensions.AI.ChatResponse> Generate(IChatClient client, ChatCompletionRequest request, CancellationToken ct)
    {
        try
        {
            return await client.GetResponseAsync(request.Messages, request.Options, ct);
        }
        catch (ArgumentException e)
        {
            // The prompt does not fit the context, or a sampling value the model rejects.
            throw new OpenAIError(400, e.Message, (e as ArgumentOutOfRangeException)?.ParamName ?? "messages");
        }
    }

    // Server-sent events, each chunk written and flushed as the token is decoded. Errors before the first chunk (a
    // prompt too long) still come back as JSON with their status.
    static async Task StreamAsync(IChatClient client, ChatCompletionRequest request, string modelName, HttpContext http)
    {
        var chunks = new ChatCompletionChunks(modelName, request.LogProbs, request.IncludeUsage);
        await using var updates = client.GetStreamingResponseAsync(request.Messages, request.Options, http.RequestAborted)
            .GetAsyncEnumerator(http.RequestAborted);
        var started = false;
        while (true)
        {
            bool more;
            try
            {
                more = await updates.MoveNextAsync();
            }
            catch (ArgumentException e) when (!started)
            {
                throw new OpenAIError(400, e.Message, (e as ArgumentOutOfRangeException)?.ParamName ?? "messages");
            }
            if (!more)
                break;
            if (!started)
            {
                http.Response.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                started = true;
            }
            foreach (var chunk in chunks.Of(updates.Current))
                await http.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n", http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
        }
        await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
    }

    static IResult Error(OpenAIError e) => Results.Text(e.ToJson().ToJsonString(), "application/json", statusCode: e.Status);
}
