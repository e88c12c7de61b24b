namespace Cai.Pipeline.Providers;

/// <summary>A candidate token at one position and its log-probability.</summary>
/// <param name="Token">The candidate token text.</param>
/// <param name="LogProbability">Natural-log probability of the candidate.</param>
public sealed record TopLogProbability(string Token, double LogProbability);
