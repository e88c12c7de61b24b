using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models;

/// <summary>
/// A decoder-only language model: token ids in, next-token logits out. Llama-family and GPT-2 modules implement it,
/// so generation, scoring and training do not care which architecture they drive.
/// </summary>
public abstract class CausalLanguageModel : nn.Module
{
    /// <summary>Creates the module with the given name.</summary>
    protected CausalLanguageModel(string name) : base(name) { }

    /// <summary>Size of the output vocabulary (last dimension of the logits).</summary>
    public abstract int VocabSize { get; }

    /// <summary>Longest sequence (prompt plus completion) the model supports.</summary>
    public abstract int MaxLength { get; }

    /// <summary>Architecture name as HF spells it (<c>llama</c>, <c>gpt2</c>).</summary>
    public abstract string Architecture { get; }

    /// <summary>The device the weights live on.</summary>
    public Device Device => parameters().First().device;

    /// <summary>Number of trainable scalars.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>
    /// Computes logits for <paramref name="inputIds"/>.
    /// </summary>
    /// <param name="inputIds">(B, T) int64 token ids.</param>
    /// <param name="positions">(B, T) int64 absolute positions of those tokens (left padding shifts them per row).</param>
    /// <param name="keyPaddingMask">(B, T) bool, true for real tokens; null when nothing is padded. Only without a
    /// cache: a cache knows each row's length itself.</param>
    /// <param name="cache">Keys/values of earlier steps; each row's new tokens are written at its own length. Null
    /// recomputes everything.</param>
    /// <returns>(B, T, V) float logits.</returns>
    public abstract Tensor Forward(Tensor inputIds, Tensor positions, Tensor? keyPaddingMask = null, KvCache? cache = null);

    /// <summary>An empty key/value cache holding up to <paramref name="capacity"/> positions per row.</summary>
    public abstract KvCache CreateCache(int capacity);

    /// <summary>An empty key/value cache holding the model's whole context per row.</summary>
    public KvCache CreateCache() => CreateCache(MaxLength);

    /// <summary>
    /// Logits (B, T, V) from final hidden states <paramref name="h"/> (B, T, C) and the output projection
    /// <paramref name="weight"/> (V, C): F.linear, except for a decoding step (one new token per row after a cached
    /// prefix), which multiplies by the cache's contiguous transposed copy (<see cref="KvCache.Head"/>). For two rows and
    /// more the two give the same bits on this CPU; for one row F.linear takes a matrix-vector path that differs in the
    /// last bits, so a single stream now computes its logits as the same row inside a batch would. The copy is detached: decoding
    /// steps run under no_grad.
    /// </summary>
    /// <param name="h">(B, T, C) final hidden states.</param>
    /// <param name="weight">(V, C) output projection.</param>
    /// <param name="cache">The forward's cache, if any.</param>
    /// <param name="decoding">Whether this forward is a decoding step: the cache held rows before it and T is 1.</param>
    protected static Tensor Classify(Tensor h, Tensor weight, KvCache? cache, bool decoding) =>
        decoding && cache is not null ? h.matmul(cache.Head(weight)) : nn.functional.linear(h, weight); // (B, T, V)

    /// <summary>Whether a forward of <paramref name="inputIds"/> over <paramref name="cache"/> is a decoding step (call before the forward).</summary>
    protected static bool IsDecodingStep(Tensor inputIds, KvCache? cache) => cache is { Rows: > 0 } && inputIds.shape[1] == 1;

    /// <summary>Logits for an unpadded batch starting at position 0: the training-time call.</summary>
    /// <param name="inputIds">(B, T) int64 token ids.</param>
    /// <returns>(B, T, V) float logits.</returns>
    public Tensor Forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var (b, t) = (inputIds.shape[0], inputIds.shape[1]);
        var positions = arange(t, dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0).expand(b, t); // (B, T)
        return Forward(inputIds, positions).MoveToOuterDisposeScope();
    }
}
