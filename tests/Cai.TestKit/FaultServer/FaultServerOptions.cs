namespace Cai.TestKit.FaultServer;

/// <summary>How the fault server misbehaves. Rates are drawn per request from one seeded RNG.</summary>
public sealed record FaultServerOptions
{
    /// <summary>Seed of the RNG that draws faults.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Probability of each fault per request; their sum must be at most 1.</summary>
    public IReadOnlyDictionary<FaultKind, double> Rates { get; init; } = new Dictionary<FaultKind, double>();

    /// <summary>Decides the fault of a request, overriding <see cref="Rates"/> when it returns non-null.</summary>
    public Func<FaultRequest, FaultKind?>? Script { get; init; }

    /// <summary>Retry-After header value, in whole seconds, sent with 429 and 503.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>When set, 429 carries retry-after-ms with this value instead of Retry-After.</summary>
    public int? RetryAfterMilliseconds { get; init; }

    /// <summary>Delay of a <see cref="FaultKind.Slow"/> response.</summary>
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Delay of every normal response, to make requests overlap.</summary>
    public TimeSpan ResponseDelay { get; init; } = TimeSpan.Zero;

    /// <summary>The assistant's answer to the last user message.</summary>
    public Func<string, string> Responder { get; init; } = prompt => "echo: " + prompt;

    /// <summary>
    /// When set, the first answer token's top log-probs for a last user message (token to natural-log probability):
    /// the likeliest becomes the token, the rest its alternatives, as a real model's distribution over e.g. ratings.
    /// </summary>
    public Func<string, IReadOnlyDictionary<string, double>>? FirstTokenLogProbs { get; init; }

    /// <summary>Whether a request's logprobs option is honoured (false: ignored, like some servers do).</summary>
    public bool SupportsLogProbabilities { get; init; } = true;

    /// <summary>Clock for request timestamps.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// A judge model: it answers with the likeliest token of <paramref name="firstToken"/> and reports that distribution
    /// as the first token's log-probs; unless <paramref name="script"/> says otherwise, every question is refused with
    /// 429 and then 503 (retry after 20 ms) before it is answered, so the client's retries are exercised too.
    /// </summary>
    public static FaultServerOptions Judge(Func<string, IReadOnlyDictionary<string, double>> firstToken,
        Func<FaultRequest, FaultKind?>? script = null) => new()
    {
        FirstTokenLogProbs = firstToken,
        Responder = prompt => firstToken(prompt).MaxBy(kv => kv.Value).Key,
        RetryAfterMilliseconds = 20,
        Script = script ?? (request => request.Attempt switch { 1 => FaultKind.RateLimited, 2 => FaultKind.ServiceUnavailable, _ => FaultKind.None }),
    };
}
