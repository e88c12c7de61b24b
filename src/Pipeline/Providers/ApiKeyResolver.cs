using Cai.Core.Secrets;

namespace Cai.Pipeline.Providers;

/// <summary>
/// Finds API keys and endpoints in environment variables through an injectable reader, so tests never touch the
/// process environment and keys never pass through files or logs.
/// </summary>
public sealed class ApiKeyResolver(Func<string, string?> environment)
{
    /// <summary>The OpenAI key variable.</summary>
    public const string OpenAIKeyVariable = "OPENAI_API_KEY";

    /// <summary>The Azure OpenAI key variable.</summary>
    public const string AzureKeyVariable = "AZURE_OPENAI_API_KEY";

    /// <summary>The Azure OpenAI endpoint variable, used when the spec has no @endpoint.</summary>
    public const string AzureEndpointVariable = "AZURE_OPENAI_ENDPOINT";

    /// <summary>A resolver over the real process environment.</summary>
    public static ApiKeyResolver FromProcessEnvironment() => new(Environment.GetEnvironmentVariable);

    /// <summary>OpenAI's API host, the only one OPENAI_API_KEY is sent to without an explicit variable.</summary>
    public const string OpenAIHost = "api.openai.com";

    /// <summary>
    /// The key for <paramref name="spec"/>, or null where none may be sent. A key goes only where the spec's provider
    /// owns it: OPENAI_API_KEY to OpenAI's host, AZURE_OPENAI_API_KEY to the Azure endpoint, and any other server
    /// (openai-compatible, ollama, openai with a foreign base URL) only the variable named by
    /// <see cref="ModelOptions.ApiKeyEnvironmentVariable"/>. A key never travels over plain http to a host that is not
    /// loopback unless <see cref="ModelOptions.AllowInsecure"/> is set.
    /// </summary>
    /// <exception cref="MissingApiKeyException">A required variable is unset or blank.</exception>
    /// <exception cref="ModelSpecException">The key would travel over plain http to a remote host.</exception>
    public string? ResolveKey(ModelSpec spec, ModelOptions options)
    {
        var variable = options.ApiKeyEnvironmentVariable is { Length: > 0 } named ? named : DefaultVariable(spec);
        if (variable is null)
            return null;
        var key = Read(variable) ?? throw new MissingApiKeyException(spec, variable);
        var endpoint = spec.BaseUrl ?? (spec.Provider == ModelProvider.AzureOpenAI ? ResolveAzureEndpoint(spec) : null);
        if (endpoint is { Scheme: "http", IsLoopback: false } && !options.AllowInsecure)
            throw new ModelSpecException(spec.ToString(),
                $"the key from {variable} would travel over plain http to {endpoint.Host}; use an https URL, " +
                "or set allow_insecure: true in the model's options to accept that.");
        // From now on the key is masked in everything this process writes.
        SecretRedactor.Process.AddSecret(key);
        return key;
    }

    /// <summary>The variable a provider reads without <c>api_key_env</c>, or null when it gets no key by default.</summary>
    static string? DefaultVariable(ModelSpec spec) => spec.Provider switch
    {
        ModelProvider.OpenAI when spec.BaseUrl is null || spec.BaseUrl.Host.Equals(OpenAIHost, StringComparison.OrdinalIgnoreCase)
            => OpenAIKeyVariable,
        ModelProvider.AzureOpenAI => AzureKeyVariable,
        _ => null,
    };

    /// <summary>The Azure endpoint: the spec's @endpoint, else AZURE_OPENAI_ENDPOINT.</summary>
    /// <exception cref="MissingApiKeyException">Neither is given.</exception>
    /// <exception cref="ModelSpecException">The variable holds no absolute http(s) URL.</exception>
    public Uri ResolveAzureEndpoint(ModelSpec spec)
    {
        if (spec.BaseUrl is not null)
            return spec.BaseUrl;
        var text = Read(AzureEndpointVariable) ?? throw new MissingApiKeyException(spec, AzureEndpointVariable);
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new ModelSpecException(spec.ToString(), $"{AzureEndpointVariable} is not an absolute http(s) URL.");
    }

    private string? Read(string name) => environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;
}
