using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models;

/// <summary>Builds the boolean attention mask (true = may attend) shared by the decoder architectures.</summary>
internal static class AttentionMask
{
    /// <summary>
    /// The mask of one forward of T tokens per row: over the tokens themselves without a cache, over each row's cached
    /// prefix with one. Causal is true when no mask is needed beyond plain causal attention over the T tokens.
    /// </summary>
    /// <returns>(B|1, 1, T, S) bool or null, and whether attention is causal.</returns>
    public static (Tensor? Mask, bool Causal) ForForward(Tensor? keyPaddingMask, long batch, long t, KvCache? cache,
        int? slidingWindow, Device device)
    {
        if (cache is null)
        {
            var mask = Build(keyPaddingMask, t, 0, slidingWindow, device);
            return (mask, mask is null);
        }
        if (keyPaddingMask is not null)
            throw new ArgumentException(
                "A key padding mask cannot be combined with a KvCache: the cache keeps each row's own length, so rows need no padding.",
                nameof(keyPaddingMask));
        var cached = cache.BeginStep(batch, t, slidingWindow, device);
        return (cached, cached is null && cache.StepIsCausal);
    }

    /// <summary>
    /// Causal mask over T new queries and S = <paramref name="past"/> + T keys, combined with key padding and an
    /// optional sliding window. Each query may always see itself, so padded query rows never softmax over nothing
    /// (their outputs are ignored anyway). Returns null when plain causal attention over a fresh sequence suffices.
    /// </summary>
    /// <returns>(B|1, 1, T, S) bool, or null.</returns>
    public static Tensor? Build(Tensor? keyPaddingMask, long t, long past, int? slidingWindow, Device device)
    {
        if (keyPaddingMask is null && past == 0 && slidingWindow is null)
            return null;
        var s = past + t;
        var query = arange(past, s, dtype: ScalarType.Int64, device: device).unsqueeze(1); // (T, 1)
        var key = arange(s, dtype: ScalarType.Int64, device: device).unsqueeze(0);          // (1, S)
        var allowed = key.le(query);                                                         // (T, S)
        if (slidingWindow is int window)
        {
            using var w = ((long)window).ToScalar();
            allowed = allowed.logical_and(key.gt(query.sub(w)));
        }
        var mask = allowed.unsqueeze(0).unsqueeze(0);                                        // (1, 1, T, S)
        if (keyPaddingMask is not null)
        {
            if (keyPaddingMask.shape[1] != s)
                throw new ArgumentException(
                    $"keyPaddingMask covers {keyPaddingMask.shape[1]} positions but cache + input hold {s}.",
                    nameof(keyPaddingMask));
            var real = keyPaddingMask.to(ScalarType.Bool).unsqueeze(1).unsqueeze(1);       // (B, 1, 1, S)
            var self = key.eq(query).unsqueeze(0).unsqueeze(0);                              // (1, 1, T, S)
            mask = mask.logical_and(real.logical_or(self));                                  // (B, 1, T, S)
        }
        return mask;
    }
}
