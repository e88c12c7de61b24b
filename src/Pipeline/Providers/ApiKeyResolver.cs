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

    /// <summary>
    /// The key for <paramref name="spec"/>, or null where the provider needs none (Ollama, and an
    /// openai-compatible server when no variable is named and OPENAI_API_KEY is unset).
    /// </summary>
    /// <exception cref="MissingApiKeyException">A required variable is unset or blank.</exception>
    public string? ResolveKey(ModelSpec spec, ModelOptions options)
    {
        if (options.ApiKeyEnvironmentVariable is { Length: > 0 } overrideName)
            return Read(overrideName) ?? throw new MissingApiKeyException(spec, overrideName);
        return spec.Provider switch
        {
            ModelProvider.OpenAI => Read(OpenAIKeyVariable) ?? throw new MissingApiKeyException(spec, OpenAIKeyVariable),
            ModelProvider.AzureOpenAI => Read(AzureKeyVariable) ?? throw new MissingApiKeyException(spec, AzureKeyVariable),
            ModelProvider.OpenAICompatible => Read(OpenAIKeyVariable),
            _ => null,
        };
    }

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
