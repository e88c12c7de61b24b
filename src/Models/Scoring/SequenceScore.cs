namespace Cai.Models.Scoring;

/// <summary>Log-probability of a completion given its prompt.</summary>
/// <param name="LogProb">Sum of the completion tokens' natural-log probabilities.</param>
/// <param name="TokenLogProbs">Log-probability of each completion token, in order.</param>
/// <param name="IsGreedy">Whether every completion token was the model's most likely token (lm-evaluation-harness's is_greedy).</param>
public sealed record SequenceScore(double LogProb, IReadOnlyList<float> TokenLogProbs, bool IsGreedy)
{
    /// <summary>Number of completion tokens scored.</summary>
    public int TokenCount => TokenLogProbs.Count;
}
