namespace Cai.Train.Data;

/// <summary>A right-padded batch of prompt + completion sequences.</summary>
/// <param name="InputIds">Token ids, (N, T) int64, padded on the right.</param>
/// <param name="AttentionMask">True on real tokens, (N, T) bool.</param>
/// <param name="CompletionMask">True on completion tokens (the targets), (N, T) bool.</param>
/// <param name="Lengths">Real length of each row.</param>
public sealed record SequenceBatch(Tensor InputIds, Tensor AttentionMask, Tensor CompletionMask, int[] Lengths) : IDisposable
{
    /// <summary>Real (unpadded) tokens in the batch.</summary>
    public long TokenCount => Lengths.Sum(l => (long)l);

    /// <summary>Releases the tensors.</summary>
    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
        CompletionMask.Dispose();
    }
}
