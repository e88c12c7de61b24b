namespace Cai.TestKit.FaultServer;

/// <summary>What the fault server does to one request instead of (or before) answering it.</summary>
public enum FaultKind
{
    /// <summary>Answer normally.</summary>
    None,

    /// <summary>429 with Retry-After (seconds) or retry-after-ms.</summary>
    RateLimited,

    /// <summary>500.</summary>
    ServerError,

    /// <summary>503 with Retry-After.</summary>
    ServiceUnavailable,

    /// <summary>Wait <see cref="FaultServerOptions.SlowDelay"/>, then answer normally.</summary>
    Slow,

    /// <summary>Abort the HTTP connection without a response.</summary>
    DropConnection,

    /// <summary>200 with a truncated JSON body.</summary>
    MalformedJson,

    /// <summary>400 with an OpenAI-style error body.</summary>
    BadRequest,

    /// <summary>
    /// 401 whose error message repeats the Authorization and api-key headers received, as some servers echo the key
    /// they rejected: a test sees whether the key leaks into files, logs or the console.
    /// </summary>
    EchoCredentials,
}
