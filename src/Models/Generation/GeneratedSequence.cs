namespace Cai.Models.Generation;

/// <summary>One completion of one prompt.</summary>
/// <param name="PromptIndex">Index of the prompt in the request.</param>
/// <param name="SampleIndex">Index among the <see cref="GenerationOptions.NumReturnSequences"/> samples of that prompt.</param>
/// <param name="Ids">Generated token ids (without the prompt and without a terminating EOS/stop token).</param>
/// <param name="Text">Generated text, cut before a stop string.</param>
/// <param name="FinishReason">Why generation ended.</param>
public sealed record GeneratedSequence(int PromptIndex, int SampleIndex, IReadOnlyList<int> Ids, string Text, FinishReason FinishReason)
{
    /// <summary>Log-probability of each id in <see cref="Ids"/>, when requested.</summary>
    public IReadOnlyList<float>? LogProbs { get; init; }

    /// <summary>The most likely alternatives at each step, when requested.</summary>
    public IReadOnlyList<IReadOnlyList<TokenLogProb>>? TopLogProbs { get; init; }

    /// <summary>The stop token that ended the sequence (EOS, a model's other end-of-text token, or one of
    /// <see cref="GenerationOptions.StopTokenIds"/>); not in <see cref="Ids"/>. Null when it ended otherwise.</summary>
    public int? StopTokenId { get; init; }
}
