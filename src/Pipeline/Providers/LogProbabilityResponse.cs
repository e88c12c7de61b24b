using Microsoft.Extensions.AI;

namespace Cai.Pipeline.Providers;

/// <summary>A chat response together with the log-probabilities of its generated tokens.</summary>
/// <param name="Response">The response as the client returned it.</param>
/// <param name="Tokens">Per-token log-probabilities, in output order.</param>
public sealed record LogProbabilityResponse(ChatResponse Response, IReadOnlyList<TokenLogProbability> Tokens);
