namespace Cai.Pipeline.Providers;

/// <summary>One generated token with its log-probability and the most likely alternatives at that position.</summary>
/// <param name="Token">The token text.</param>
/// <param name="LogProbability">Natural-log probability of the token.</param>
/// <param name="TopAlternatives">The top candidates at this position (may include the token itself).</param>
public sealed record TokenLogProbability(string Token, double LogProbability, IReadOnlyList<TopLogProbability> TopAlternatives);
