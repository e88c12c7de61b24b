using static TorchSharp.torch;

namespace Cai.Models;

/// <summary>
/// Keys and values of the tokens seen so far, one (B, H_kv, S, D) pair per layer, so a decoding step only computes
/// the new token. The cache owns its tensors: they live outside any dispose scope until <see cref="Dispose"/>.
/// </summary>
public sealed class KvCache : IDisposable
{
    readonly Tensor?[] keys;
    readonly Tensor?[] values;

    /// <summary>Creates an empty cache for <paramref name="layers"/> layers.</summary>
    public KvCache(int layers)
    {
        keys = new Tensor?[layers];
        values = new Tensor?[layers];
    }

    /// <summary>Number of positions cached (equal across layers once a forward pass completes).</summary>
    public long Length => keys[^1]?.shape[2] ?? keys[0]?.shape[2] ?? 0;

    /// <summary>
    /// Appends this step's keys/values (B, H_kv, T, D) to layer <paramref name="layer"/> and returns everything
    /// cached for it (B, H_kv, S, D). The returned tensors belong to the cache: do not dispose them.
    /// </summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor newKeys, Tensor newValues)
    {
        keys[layer] = Concat(keys[layer], newKeys);
        values[layer] = Concat(values[layer], newValues);
        return (keys[layer]!, values[layer]!);
    }

    static Tensor Concat(Tensor? old, Tensor step)
    {
        var all = old is null ? step.detach().clone() : cat([old, step.detach()], dim: 2); // (B, H_kv, S, D)
        all.DetachFromDisposeScope();
        old?.Dispose();
        return all;
    }

    /// <summary>Releases the cached tensors.</summary>
    public void Dispose()
    {
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i]?.Dispose();
            values[i]?.Dispose();
            keys[i] = values[i] = null;
        }
    }
}
