using static TorchSharp.torch;

namespace Cai.Models.Tests;

/// <summary>Architecture-independent checks of a <see cref="CausalLanguageModel"/>.</summary>
internal static class ModelChecks
{
    /// <summary>Max |logit difference| between one full forward and token-by-token decoding with the KV cache.</summary>
    public static float CachedVersusFullMaxDiff(CausalLanguageModel model, long[] ids)
    {
        using var _ = no_grad();
        var input = tensor(ids).unsqueeze(0);                                     // (1, T)
        var full = model.Forward(input)[0];                                       // (T, V)
        using var cache = model.CreateCache();
        var prefix = 3;
        var steps = new List<Tensor>
        {
            model.Forward(input[.., ..prefix], arange(prefix, dtype: ScalarType.Int64).unsqueeze(0), null, cache)[0],
        };
        for (var t = prefix; t < ids.Length; t++)
            steps.Add(model.Forward(input[.., t..(t + 1)], tensor(new long[] { t }).unsqueeze(0), null, cache)[0]);
        return (cat(steps, 0) - full).abs().max().item<float>();
    }

    /// <summary>Max |logit difference| of a row run alone versus left-padded next to a longer row.</summary>
    public static float LeftPaddedVersusAloneMaxDiff(CausalLanguageModel model, long[] shortIds, long[] longIds)
    {
        using var _ = no_grad();
        var pad = longIds.Length - shortIds.Length;
        var ids = tensor(new long[pad].Concat(shortIds).Concat(longIds).ToArray(), [2, longIds.Length]);
        var mask = tensor(Enumerable.Range(0, 2 * longIds.Length).Select(i => i >= pad).ToArray(), [2, longIds.Length]);
        var positions = (mask.to(ScalarType.Int64).cumsum(1) - 1).clamp_min(0);
        var batched = model.Forward(ids, positions, mask)[0, pad..];             // (T_short, V)
        var alone = model.Forward(tensor(shortIds).unsqueeze(0))[0];            // (T_short, V)
        return (batched - alone).abs().max().item<float>();
    }
}
