namespace Cai.Models.Generation;

/// <summary>
/// New output of one row of a <see cref="GenerationRequest"/>, reported as it is decoded (streaming): text that no
/// later token takes back, and the tokens decoded since the previous delta with their log-probabilities when asked.
/// The deltas of a row concatenate to its final text.
/// </summary>
/// <param name="Row">The row (prompt-major, as in <see cref="GenerationRequest.Results"/>).</param>
/// <param name="Text">The new text.</param>
/// <param name="Ids">Tokens decoded since the previous delta of this row.</param>
/// <param name="LogProbs">Their log-probabilities, when the options ask for them.</param>
/// <param name="TopLogProbs">Their most likely alternatives, when the options ask for them.</param>
public sealed record TextDelta(int Row, string Text, IReadOnlyList<int> Ids, IReadOnlyList<float>? LogProbs,
    IReadOnlyList<IReadOnlyList<TokenLogProb>>? TopLogProbs);
