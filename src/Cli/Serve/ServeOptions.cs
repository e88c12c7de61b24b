using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;
using Cai.Core.Yaml;

namespace Cai.Cli.Serve;

/// <summary>
/// Where and how <see cref="ServeHost"/> listens and what it accepts, each bound declared once on its property
/// (<c>cai serve</c>'s flags are made from this record; the key has its own flag and environment variable).
/// </summary>
internal sealed record ServeOptions : OptionsRecord
{
    /// <summary>Interface to bind.</summary>
    /// <value>The default value is 127.0.0.1 (local only).</value>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (read it from <see cref="ServeHost.BaseUrl"/>).</summary>
    /// <value>The default value is 8000.</value>
    [Range(0, 65535)]
    public int Port { get; init; } = 8000;

    /// <summary>The name clients pass as "model"; other names get 404 model_not_found.</summary>
    /// <value>The default value is null: the loaded model's id.</value>
    public string? ModelName { get; init; }

    /// <summary>Largest max_tokens / max_completion_tokens a request may ask for.</summary>
    /// <value>The default value is null: the model's context length.</value>
    [Range(1, ConfigLimits.MaxTokens)]
    public int? MaxTokensLimit { get; init; }

    /// <summary>Largest n (choices per request).</summary>
    /// <value>The default value is 8.</value>
    [Range(1, int.MaxValue)]
    public int MaxChoices { get; init; } = 8;

    /// <summary>
    /// Most chat requests admitted at once, generating or waiting for the model; one more is answered 429 with
    /// Retry-After instead of queueing without bound.
    /// </summary>
    /// <value>The default value is 64.</value>
    [Range(1, int.MaxValue)]
    public int MaxQueue { get; init; } = 64;

    /// <summary>Largest request body in bytes; a larger one is answered 413 before it is parsed.</summary>
    /// <value>The default value is 1 MiB.</value>
    [Range(1, int.MaxValue)]
    public int MaxRequestBodyBytes { get; init; } = 1 << 20;

    /// <summary>
    /// The key clients must send as <c>Authorization: Bearer &lt;key&gt;</c>; others get 401.
    /// </summary>
    /// <value>The default value is null: no key is required (warned about when <see cref="Host"/> is not loopback).</value>
    [BindNever]
    public string? ApiKey { get; init; }

    /// <summary>Seconds a client is told to wait (Retry-After) when the queue is full.</summary>
    /// <value>The default value is 1.</value>
    [Range(1, int.MaxValue)]
    public int RetryAfterSeconds { get; init; } = 1;

    public override void Validate()
    {
        base.Validate();
        if (ApiKey is { } key && string.IsNullOrWhiteSpace(key))
            throw new ArgumentException("ApiKey must not be blank.", nameof(ApiKey));
    }
}
