namespace Cai.Models.Generation;

/// <summary>A token with its log-probability under the model.</summary>
/// <param name="Id">Token id.</param>
/// <param name="Token">Its text as it reads inside a sentence (leading space kept).</param>
/// <param name="LogProb">Natural-log probability.</param>
public sealed record TokenLogProb(int Id, string Token, float LogProb);
