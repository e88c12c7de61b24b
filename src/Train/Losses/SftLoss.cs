namespace Cai.Train.Losses;

/// <summary>The supervised fine-tuning loss: next-token negative log-likelihood on the target (assistant) tokens.</summary>
public static class SftLoss
{
    /// <summary>Mean next-token NLL over all masked target tokens of the batch, a scalar.</summary>
    /// <param name="logits">Model output, shape (B, T, V).</param>
    /// <param name="labels">Token ids, shape (B, T), int64.</param>
    /// <param name="mask">Which label tokens are trained on, shape (B, T), bool; same shift-by-one convention as <see cref="SequenceLogProbs.Gather"/>.</param>
    /// <returns>The scalar loss.</returns>
    /// <exception cref="ArgumentException">Shapes disagree or the mask selects no target token.</exception>
    public static Tensor Compute(Tensor logits, Tensor labels, Tensor mask)
    {
        // Maximum likelihood on demonstrations (Ouyang et al. 2022, §3.5 "SFT"; Bai et al. 2022, §3 SL-CAI):
        // L = −(1/N) Σ_{b,t: mask[b,t]} log p(labels[b,t] | labels[b,<t]), averaged over tokens rather than sequences,
        // like PyTorch's cross_entropy with ignore_index.
        var sequences = SequenceLogProbs.Gather(logits, labels, mask);
        if (!mask[.., 1..].any().item<bool>())
        {
            throw new ArgumentException("mask selects no target token after the shift by one", nameof(mask));
        }

        return -sequences.Summed.sum() / sequences.TokenCounts.sum();
    }
}
