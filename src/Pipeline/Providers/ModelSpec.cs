namespace Cai.Pipeline.Providers;

/// <summary>
/// A parsed model spec such as <c>ollama:llama3.1:8b@http://gpu-box:11434</c>. The provider is the text before the
/// first ':'; a base URL is introduced by the last '@' that is followed by http:// or https://, so model names may
/// contain ':' and '@'.
/// </summary>
public sealed record ModelSpec
{
    /// <summary>The default Ollama server.</summary>
    public static readonly Uri DefaultOllamaUrl = new("http://localhost:11434");

    private static readonly (string Prefix, ModelProvider Provider)[] Prefixes =
    [
        ("openai", ModelProvider.OpenAI),
        ("azure-openai", ModelProvider.AzureOpenAI),
        ("ollama", ModelProvider.Ollama),
        ("openai-compatible", ModelProvider.OpenAICompatible),
        ("local", ModelProvider.Local),
        ("rules", ModelProvider.Rules),
    ];

    /// <summary>The known provider prefixes, comma separated, for error messages and help text.</summary>
    public static string KnownProviders { get; } = string.Join(", ", Prefixes.Select(p => p.Prefix));

    /// <summary>Creates a spec; prefer <see cref="Parse"/>.</summary>
    public ModelSpec(ModelProvider provider, string model, Uri? baseUrl = null)
    {
        Provider = provider;
        Model = model;
        BaseUrl = baseUrl;
    }

    /// <summary>The provider.</summary>
    public ModelProvider Provider { get; }

    /// <summary>The model name, Azure deployment name, or local path; empty for <see cref="ModelProvider.Rules"/>.</summary>
    public string Model { get; }

    /// <summary>The base URL as written in the spec, or null when none was given.</summary>
    public Uri? BaseUrl { get; }

    /// <summary>The provider prefix as written in specs, e.g. <c>openai-compatible</c>.</summary>
    public string ProviderPrefix => Prefixes.First(p => p.Provider == Provider).Prefix;

    /// <summary>Parses a spec, throwing <see cref="ModelSpecException"/> with the reason when it is invalid.</summary>
    public static ModelSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = spec.Trim();
        if (text.Length == 0)
            throw new ModelSpecException(spec, $"the spec is empty; expected '<provider>:<model>' with provider one of {KnownProviders}.");

        var colon = text.IndexOf(':');
        var prefix = colon < 0 ? text : text[..colon];
        var rest = colon < 0 ? null : text[(colon + 1)..];
        var provider = Prefixes.FirstOrDefault(p => p.Prefix.Equals(prefix, StringComparison.OrdinalIgnoreCase));
        if (provider.Prefix is null)
            throw new ModelSpecException(spec, $"unknown provider '{prefix}'; known providers: {KnownProviders}.");

        if (provider.Provider == ModelProvider.Rules)
            return rest is null
                ? new ModelSpec(ModelProvider.Rules, string.Empty)
                : throw new ModelSpecException(spec, "'rules' takes no model name.");

        if (string.IsNullOrWhiteSpace(rest))
            throw new ModelSpecException(spec, $"missing model after '{provider.Prefix}:'.");
        if (provider.Provider == ModelProvider.Local)
            return new ModelSpec(ModelProvider.Local, rest);

        var (model, url) = SplitUrl(spec, rest);
        if (model.Length == 0)
            throw new ModelSpecException(spec, $"missing model before '@' in '{provider.Prefix}:{rest}'.");
        if (url is null && provider.Provider == ModelProvider.OpenAICompatible)
            throw new ModelSpecException(spec,
                "missing base URL; expected 'openai-compatible:<model>@http(s)://host:port/v1'.");
        return new ModelSpec(provider.Provider, model, url);
    }

    private static (string Model, Uri? Url) SplitUrl(string spec, string rest)
    {
        var at = rest.LastIndexOf('@');
        if (at < 0)
            return (rest, null);
        var tail = rest[(at + 1)..];
        if (!tail.StartsWith("http://", StringComparison.OrdinalIgnoreCase) &&
            !tail.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return (rest, null);
        if (!Uri.TryCreate(tail, UriKind.Absolute, out var url) || string.IsNullOrEmpty(url.Host))
            throw new ModelSpecException(spec, $"bad base URL '{tail}'; expected an absolute http(s) URL.");
        return (rest[..at], url);
    }

    /// <summary>The spec in its parseable form; <c>Parse(spec.ToString())</c> equals <c>spec</c>.</summary>
    public override string ToString() => Provider switch
    {
        ModelProvider.Rules => "rules",
        _ when BaseUrl is null => $"{ProviderPrefix}:{Model}",
        _ => $"{ProviderPrefix}:{Model}@{BaseUrl.OriginalString}",
    };
}
