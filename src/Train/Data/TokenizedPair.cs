namespace Cai.Train.Data;

/// <summary>A tokenized preference pair: shared prompt ids and the two completions' ids (each ending with EOS unless truncated).</summary>
/// <param name="Id">The pair's id.</param>
/// <param name="Prompt">Prompt token ids (chat-formatted, ending with the assistant header).</param>
/// <param name="Chosen">Chosen completion ids.</param>
/// <param name="Rejected">Rejected completion ids.</param>
/// <param name="LabelProb">Probability that chosen is better: the pair's <c>label_prob</c>, 1 for a hard label.</param>
/// <param name="Margin">The pair's <c>margin</c> for the reward loss (Llama 2's m(r)); null when the data has none.</param>
public sealed record TokenizedPair(string Id, int[] Prompt, int[] Chosen, int[] Rejected, double LabelProb = 1.0, double? Margin = null)
{
    /// <summary>Prompt + chosen + prompt + rejected tokens, what one pair costs a forward pass.</summary>
    public int TokenCount => 2 * Prompt.Length + Chosen.Length + Rejected.Length;
}
