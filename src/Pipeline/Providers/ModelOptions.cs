using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Cai.Core.Options;
using Cai.Core.Yaml;
using Cai.Pipeline.Resilience;

namespace Cai.Pipeline.Providers;

/// <summary>
/// Per-model settings: sampling settings applied to every call that does not set its own (<see cref="SamplingOptions"/>:
/// <c>temperature</c>, <c>top_p</c>, <c>top_k</c>, <c>max_tokens</c>; max_tokens is sent as max_completion_tokens and
/// top_k as a body field only some servers read, <see cref="TopKChatClient"/>), limits,
/// and where the API key comes from. A pipeline config's
/// <c>models.&lt;role&gt;</c> binds onto it under the same names (<c>max_concurrency</c>, <c>timeout</c> in seconds, ...),
/// within the declared ranges; <c>api_key_env</c>, <c>max_retries</c> and <c>retry_base_delay</c> are read by the
/// config parser onto <see cref="ApiKeyEnvironmentVariable"/> and <see cref="Resilience"/>.
/// </summary>
public sealed partial record ModelOptions : SamplingOptions
{
    /// <summary>Maximum requests to this model in flight at once; more wait in a queue.</summary>
    /// <value>The default value is 8.</value>
    [Range(1, ConfigLimits.Parallelism)]
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>
    /// For a <c>local:</c> model, how many batches decode side by side, each on its own thread and core
    /// (<c>decode_workers</c> in config); the <see cref="MaxConcurrency"/> requests in flight are shared among them.
    /// Worth it for a model too small to keep a core busy through one batched step (stories260K); other providers
    /// ignore it.
    /// </summary>
    /// <value>The default value is 1.</value>
    [Range(1, ConfigLimits.DecodeWorkers)]
    public int DecodeWorkers { get; init; } = 1;

    /// <summary>Requests-per-minute budget.</summary>
    /// <value>The default value is null (unlimited).</value>
    [Range(1, int.MaxValue)]
    public int? RequestsPerMinute { get; init; }

    /// <summary>Tokens-per-minute budget, estimated from prompt length plus requested output tokens.</summary>
    /// <value>The default value is null (unlimited).</value>
    [Range(1, int.MaxValue)]
    public int? TokensPerMinute { get; init; }

    /// <summary>Timeout of one HTTP attempt; a timed-out attempt is retried.</summary>
    /// <value>The default value is 100 seconds.</value>
    [Range(0.001, 86_400.0)]
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Name of the environment variable holding the API key (<c>api_key_env</c> in config), overriding the provider's
    /// default. <c>openai-compatible:</c> and <c>ollama:</c> servers, and <c>openai:</c> with a base URL other than
    /// OpenAI's, get a key only through this option: OPENAI_API_KEY is never sent to a server it does not belong to.
    /// </summary>
    /// <value>The default value is null (OPENAI_API_KEY for OpenAI's host, AZURE_OPENAI_API_KEY for Azure, else no key).</value>
    [BindNever]
    public string? ApiKeyEnvironmentVariable { get; init; }

    /// <summary>
    /// Whether a key may travel over plain http to a host that is not loopback (<c>allow_insecure</c> in config);
    /// without it such a model fails before any request.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool AllowInsecure { get; init; }

    /// <summary>Retry, circuit-breaker and overall-timeout settings.</summary>
    /// <value>The default value is a <see cref="ResilienceOptions"/> with its defaults.</value>
    /// <remarks>The same retries, breaker and limiters wrap either <see cref="Connector"/>.</remarks>
    [BindNever]
    public ResilienceOptions Resilience { get; init; } = new();

    /// <summary>The client library used for OpenAI-compatible providers (ignored for <c>local:</c> and <c>rules</c>).</summary>
    /// <value>The default value is <see cref="ChatConnector.OpenAI"/>.</value>
    public ChatConnector Connector { get; init; } = ChatConnector.OpenAI;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option outside its declared range, or a key variable that is no variable name.</summary>
    public override void Validate()
    {
        base.Validate();
        if (ApiKeyEnvironmentVariable is { } name && !IsVariableName(name))
            throw new ArgumentException($"ApiKeyEnvironmentVariable must be an environment variable name such as VLLM_API_KEY, got '{name}'.",
                nameof(ApiKeyEnvironmentVariable));
        Resilience.Validate();
    }

    /// <summary>Whether <paramref name="name"/> can name an environment variable (letters, digits and _, not starting with a digit).</summary>
    public static bool IsVariableName(string name) => VariableName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
