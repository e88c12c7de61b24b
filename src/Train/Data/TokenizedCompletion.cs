namespace Cai.Train.Data;

/// <summary>One tokenized prompt + completion (SFT, KTO, the reward model's inputs).</summary>
/// <param name="Id">The example's id.</param>
/// <param name="Prompt">Prompt token ids; not trained on.</param>
/// <param name="Completion">Completion token ids; the targets.</param>
/// <param name="Label">KTO's desirable flag; true for SFT.</param>
public sealed record TokenizedCompletion(string Id, int[] Prompt, int[] Completion, bool Label = true)
{
    /// <summary>Prompt plus completion length.</summary>
    public int Length => Prompt.Length + Completion.Length;
}
