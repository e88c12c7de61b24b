namespace Cai.Models.Hub;

/// <summary>Where <see cref="HubClient"/> downloads from and caches to.</summary>
public sealed record HubOptions
{
    /// <summary>The Hub's base URL.</summary>
    /// <value>The default value is https://huggingface.co (HF_ENDPOINT overrides it in <see cref="FromEnvironment"/>).</value>
    public Uri Endpoint { get; init; } = new("https://huggingface.co");

    /// <summary>The cache root; files land in &lt;CacheDir&gt;/&lt;repo&gt;/&lt;revision&gt;/&lt;file&gt;.</summary>
    /// <value>The default value is ~/.cache/cai/hub (CAI_CACHE overrides it in <see cref="FromEnvironment"/>).</value>
    public string CacheDir { get; init; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cai", "hub");

    /// <summary>A Hub access token sent as a bearer header; never logged or written anywhere.</summary>
    /// <value>The default value is null (HF_TOKEN sets it in <see cref="FromEnvironment"/>).</value>
    public string? Token { get; init; }

    /// <summary>How many times one file is requested, resuming from what arrived, before giving up.</summary>
    /// <value>The default value is 3.</value>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Options from HF_ENDPOINT, CAI_CACHE and HF_TOKEN, falling back to the defaults.</summary>
    /// <param name="environment">Reads a variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    public static HubOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new HubOptions();
        if (environment("HF_ENDPOINT") is { Length: > 0 } endpoint)
            options = options with
            {
                Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri
                    : throw new ArgumentException($"HF_ENDPOINT '{endpoint}' is not an absolute URL"),
            };
        if (environment("CAI_CACHE") is { Length: > 0 } cache)
            options = options with { CacheDir = cache };
        if (environment("HF_TOKEN") is { Length: > 0 } token)
            options = options with { Token = token };
        return options;
    }
}
