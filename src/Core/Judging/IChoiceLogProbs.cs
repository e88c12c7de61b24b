using Cai.Core.Records;

namespace Cai.Core.Judging;

/// <summary>
/// The log-probabilities of the first token a model would answer a prompt with: what AI-feedback labelling reads
/// to turn a multiple-choice answer "(A)"/"(B)" into a soft label. Providers adapt their chat API's top log-probs
/// (e.g. OpenAI <c>top_logprobs</c>) or score candidate tokens directly (local models).
/// </summary>
public interface IChoiceLogProbs
{
    /// <summary>
    /// The natural-log probabilities of the most likely first tokens (at least <paramref name="topK"/> when the
    /// source has them), keyed by the token's text as the model spells it (e.g. <c>"A"</c>, <c>" (B"</c>).
    /// </summary>
    Task<IReadOnlyDictionary<string, double>> FirstTokenLogProbsAsync(
        IReadOnlyList<Message> prompt, int topK, CancellationToken cancellationToken);
}
