using static TorchSharp.torch;

namespace Cai.Train.Losses;

/// <summary>Per-sequence log-probs of the target tokens, as <see cref="SequenceLogProbs.Gather"/> returns them.</summary>
/// <param name="Summed">Σ_t log p(labels[t] | labels[&lt;t]) over the masked target tokens, shape (B); float32 for half-precision logits, else the logits' dtype.</param>
/// <param name="TokenCounts">How many target tokens each sequence has, shape (B); float32 for half-precision logits, else the logits' dtype.</param>
public sealed record SequenceLogProbsOutput(Tensor Summed, Tensor TokenCounts)
{
    /// <summary>Length-normalised log-probs, Summed / TokenCounts (IPO, SimPO); a sequence with no target tokens gives 0.</summary>
    public Tensor Average() => Summed / TokenCounts.clamp_min(1.0);
}
