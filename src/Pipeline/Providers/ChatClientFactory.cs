using System.ClientModel;
using System.ClientModel.Primitives;
using Cai.Pipeline.Resilience;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

namespace Cai.Pipeline.Providers;

/// <summary>
/// Builds the <see cref="IChatClient"/> for a <see cref="ModelSpec"/>. Remote providers use the OpenAI SDK through
/// Microsoft.Extensions.AI's adapter rather than Semantic Kernel's OpenAIChatCompletionService.AsChatClient(): SK 1.82's
/// adapter drops a logprobs request made through ChatOptions (RawRepresentationFactory or AdditionalProperties), while
/// this one honours it. The SDK's own retries are off so the <see cref="ResilientChatClient"/> alone retries. <c>local:</c> and <c>rules</c> come from
/// delegates that the composition root supplies.
/// </summary>
public sealed class ChatClientFactory
{
    private readonly ApiKeyResolver keys;
    private readonly ILoggerFactory loggerFactory;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the factory; <paramref name="environment"/> reads environment variables (keys, endpoints).</summary>
    public ChatClientFactory(Func<string, string?> environment, ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        keys = new ApiKeyResolver(environment);
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Creates the in-process client for <c>local:</c> specs, given the role's options (its
    /// <see cref="ModelOptions.MaxConcurrency"/> is how many requests the local model decodes as one batch).
    /// </summary>
    public Func<ModelSpec, ModelOptions, IChatClient>? LocalClient { get; init; }

    /// <summary>Creates the rules judge for the <c>rules</c> spec.</summary>
    public Func<ModelSpec, IChatClient>? RulesClient { get; init; }

    /// <summary>Parses <paramref name="spec"/> and creates its client.</summary>
    public IChatClient Create(string spec, ModelOptions? options = null) => Create(ModelSpec.Parse(spec), options);

    /// <summary>Creates the client for <paramref name="spec"/> with sampling defaults and, for remote providers, resilience.</summary>
    /// <exception cref="MissingApiKeyException">A key or endpoint variable the provider needs is unset.</exception>
    /// <exception cref="InvalidOperationException">A local or rules spec with no delegate configured.</exception>
    /// <exception cref="ArgumentException">The options set a top_k that the chosen connector cannot send.</exception>
    public IChatClient Create(ModelSpec spec, ModelOptions? options = null)
    {
        options ??= new ModelOptions();
        options.Validate();
        var remote = spec.Provider is not (ModelProvider.Local or ModelProvider.Rules);
        if (remote && options.TopK is not null && TopKChatClient.Unsent(options.Connector) is { } refusal)
            throw new ArgumentException($"{spec}: {refusal}", nameof(options));
        var inner = spec.Provider switch
        {
            ModelProvider.Local => Delegate(LocalClient is { } local ? s => local(s, options) : null, nameof(LocalClient), spec),
            ModelProvider.Rules => Delegate(RulesClient, nameof(RulesClient), spec),
            _ when options.Connector == ChatConnector.SemanticKernel => new TopKChatClient(
                new OpenAIChatCompletionService(spec.Model, CreateOpenAIClient(spec, options)).AsChatClient(), options.Connector),
            _ => new TopKChatClient(CreateOpenAIClient(spec, options).GetChatClient(spec.Model).AsIChatClient(), options.Connector),
        };
        // Defaults are filled in outside the resilience layer so its token estimate sees MaxTokens.
        var builder = new ChatClientBuilder(inner).ConfigureOptions(o => options.FillUnset(o));
        if (remote)
            builder.UseResilience(spec, options, loggerFactory, timeProvider);
        return builder.Build();
    }

    private static IChatClient Delegate(Func<ModelSpec, IChatClient>? create, string name, ModelSpec spec) =>
        create?.Invoke(spec) ?? throw new InvalidOperationException(
            $"Model '{spec}' needs {nameof(ChatClientFactory)}.{name}, which is not configured.");

    private OpenAIClient CreateOpenAIClient(ModelSpec spec, ModelOptions options)
    {
        var key = keys.ResolveKey(spec, options);
        var clientOptions = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(0),
            // Polly's per-attempt timeout owns time limits; the SDK's 100 s default would race it.
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        switch (spec.Provider)
        {
            case ModelProvider.OpenAI when spec.BaseUrl is not null:
            case ModelProvider.OpenAICompatible:
                clientOptions.Endpoint = spec.BaseUrl;
                break;
            case ModelProvider.Ollama:
                clientOptions.Endpoint = WithV1(spec.BaseUrl ?? ModelSpec.DefaultOllamaUrl);
                break;
            case ModelProvider.AzureOpenAI:
                // Azure's v1 API speaks the OpenAI wire format; the deployment name goes in "model".
                clientOptions.Endpoint = new Uri(keys.ResolveAzureEndpoint(spec), "/openai/v1/");
                clientOptions.AddPolicy(new AzureApiKeyPolicy(key!), PipelinePosition.BeforeTransport);
                break;
        }
        // The SDK insists on a credential; without a key its placeholder header is removed before sending.
        if (key is null)
            clientOptions.AddPolicy(new AnonymousRequestPolicy(), PipelinePosition.BeforeTransport);
        return new OpenAIClient(new ApiKeyCredential(key ?? "no-key"), clientOptions);
    }

    private static Uri WithV1(Uri baseUrl) =>
        baseUrl.AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal)
            ? baseUrl
            : new Uri(baseUrl, baseUrl.AbsolutePath.TrimEnd('/') + "/v1");
}
