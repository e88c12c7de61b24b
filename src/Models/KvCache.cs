using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Models;

/// <summary>
/// Keys and values of the tokens seen so far, so a decoding step only computes the new tokens. Static: each layer's
/// keys and values are allocated once as (B, H_kv, <see cref="Capacity"/>, D) on the first forward and written in
/// place at every step; attention reads the filled prefix. Each row has its own length (rows of a batch may hold
/// prompts of different lengths, or join a running batch later), and a token's cache slot is its row's length when
/// it arrives. Rows are added and removed between steps (<see cref="Append(KvCache)"/>, <see cref="KeepRows"/>); the
/// storage keeps room for more rows than it holds (doubling when rows join), so a join copies the joining rows only
/// and the rows in use are always a contiguous prefix of it. The cache owns its tensors: they live outside any
/// dispose scope until <see cref="Dispose"/>.
/// </summary>
public sealed class KvCache : IDisposable
{
    readonly Tensor?[] keys;
    readonly Tensor?[] values;
    long[] lengths = [];
    Step? step;
    Tensor? head;

    /// <summary>Creates an empty cache for <paramref name="layers"/> layers holding up to <paramref name="capacity"/> positions per row.</summary>
    public KvCache(int layers, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        keys = new Tensor?[layers];
        values = new Tensor?[layers];
        Capacity = capacity;
    }

    /// <summary>Positions each row can hold (<see cref="EnsureCapacity"/> raises it).</summary>
    public int Capacity { get; private set; }

    /// <summary>
    /// Makes every row hold at least <paramref name="capacity"/> positions: the tensors are reallocated once, with what
    /// they hold copied, when rows with a longer budget join (between steps, never during one). A batch sizes its cache
    /// to what its rows can need instead of the model's whole context, so joining and leaving copy less.
    /// </summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity <= Capacity)
            return;
        if (step is not null)
            throw new InvalidOperationException("KvCache.EnsureCapacity during a forward.");
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Grow(keys[i], capacity);
            values[i] = Grow(values[i], capacity);
        }
        Capacity = capacity;
    }

    static Tensor? Grow(Tensor? all, int capacity)
    {
        if (all is null)
            return null;
        using var _ = no_grad();
        var bigger = zeros([all.shape[0], all.shape[1], capacity, all.shape[3]], all.dtype, all.device); // (B_room, H_kv, S', D)
        bigger.narrow(2, 0, all.shape[2]).copy_(all);
        bigger.DetachFromDisposeScope();
        all.Dispose();
        return bigger;
    }

    // The rows in use: a contiguous prefix of the storage (B, H_kv, S_max, D), a view.
    Tensor InUse(Tensor all) => all.shape[0] == lengths.Length ? all : all.narrow(0, 0, lengths.Length);

    /// <summary>Rows cached (0 before the first forward).</summary>
    public int Rows => lengths.Length;

    /// <summary>Positions cached in the longest row.</summary>
    public long Length => lengths.Length == 0 ? 0 : lengths.Max();

    /// <summary>Positions cached in each row.</summary>
    public IReadOnlyList<long> RowLengths => lengths;

    /// <summary>
    /// Starts a forward of <paramref name="t"/> new tokens per row (the model calls it before its layers): fixes where
    /// each row's tokens are written and builds the attention mask over the cache. Returns the mask, (B, 1, T, S) bool
    /// (true = may attend), or null when plain causal attention over the prefix is exact.
    /// </summary>
    internal Tensor? BeginStep(long batch, long t, int? slidingWindow, Device device)
    {
        if (lengths.Length == 0)
            lengths = new long[batch];
        if (lengths.Length != batch)
            throw new ArgumentException($"The cache holds {lengths.Length} rows but the input has {batch}.", nameof(batch));
        var longest = lengths.Max();
        if (longest + t > Capacity)
            throw new ArgumentException($"{longest} cached + {t} new positions exceed the cache's capacity of {Capacity}.", nameof(t));
        var uniform = lengths.All(l => l == longest);
        var read = longest + t;
        Tensor? index = null;
        if (!uniform)
        {
            var slots = new long[batch * t];
            for (var b = 0; b < batch; b++)
                for (var i = 0; i < t; i++)
                    slots[b * t + i] = lengths[b] + i;
            index = tensor(slots, [batch, 1, t, 1], device: device);                     // (B, 1, T, 1)
            index.DetachFromDisposeScope();
        }
        step = new Step(uniform ? longest : -1, t, read, index);
        // Uniform rows need no mask for one new token (it sees everything) nor for a fresh prompt (causal).
        if (uniform && slidingWindow is null && (t == 1 || longest == 0))
            return null;
        var query = tensor(lengths, [batch, 1], device: device)
            + arange(t, dtype: ScalarType.Int64, device: device).unsqueeze(0);               // (B, T) cache slot of each query
        var key = arange(read, dtype: ScalarType.Int64, device: device).view(1, 1, read);   // (1, 1, S)
        var q = query.unsqueeze(-1);                                                         // (B, T, 1)
        var allowed = key.le(q);                                                             // (B, T, S)
        if (slidingWindow is int window)
        {
            using var w = ((long)window).ToScalar();
            allowed = allowed.logical_and(key.gt(q.sub(w)));
        }
        return allowed.unsqueeze(1);                                                         // (B, 1, T, S)
    }

    /// <summary>Whether this step's attention may use plain causal masking (uniform rows, fresh prompt).</summary>
    internal bool StepIsCausal => step is { Start: 0, Tokens: > 1 };

    /// <summary>
    /// Writes this step's keys/values (B, H_kv, T, D) of layer <paramref name="layer"/> in place and returns the filled
    /// prefix (B, H_kv, S, D) as views into the cache: do not dispose them.
    /// </summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor newKeys, Tensor newValues)
    {
        var current = step ?? throw new InvalidOperationException("KvCache.Append outside a model forward (BeginStep not called).");
        keys[layer] ??= Allocate(newKeys);
        values[layer] ??= Allocate(newValues);
        var (k, v) = (InUse(keys[layer]!), InUse(values[layer]!));
        Write(k, newKeys, current);
        Write(v, newValues, current);
        if (layer == keys.Length - 1)
            EndStep(current);
        return (k.narrow(2, 0, current.Read), v.narrow(2, 0, current.Read));                             // (B, H_kv, S, D)
    }

    Tensor Allocate(Tensor like)
    {
        var all = zeros([like.shape[0], like.shape[1], Capacity, like.shape[3]], like.dtype, like.device); // (B, H_kv, S_max, D)
        all.DetachFromDisposeScope();
        return all;
    }

    static void Write(Tensor cache, Tensor update, Step current)
    {
        if (current.Index is null)
            cache.narrow(2, current.Start, current.Tokens).copy_(update);
        else
            cache.scatter_(2, current.Index.expand(update.shape), update);
    }

    void EndStep(Step current)
    {
        for (var b = 0; b < lengths.Length; b++)
            lengths[b] += current.Tokens;
        current.Index?.Dispose();
        step = null;
    }

    /// <summary>Keeps only rows <paramref name="rows"/>, in that order (repeats allowed: a prompt prefilled once
    /// becomes n sample rows).</summary>
    public void KeepRows(IReadOnlyList<long> rows)
    {
        using var _ = no_grad();
        using var index = tensor(rows.ToArray(), dtype: ScalarType.Int64, device: keys[0]?.device ?? CPU);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Reindex(keys[i], index);
            values[i] = Reindex(values[i], index);
        }
        lengths = rows.Select(r => lengths[r]).ToArray();
    }

    // The kept rows go to the front of the same storage when they fit (the room stays for rows that join later).
    Tensor? Reindex(Tensor? all, Tensor index)
    {
        if (all is null)
            return null;
        var kept = InUse(all).index_select(0, index);                                                 // (B', H_kv, S_max, D)
        if (kept.shape[0] <= all.shape[0])
        {
            all.narrow(0, 0, kept.shape[0]).copy_(kept);
            kept.Dispose();
            return all;
        }
        kept.DetachFromDisposeScope();
        all.Dispose();
        return kept;
    }

    /// <summary>Appends the rows of <paramref name="other"/> (same layers and capacity) after this cache's rows.</summary>
    public void Append(KvCache other)
    {
        if (other.keys.Length != keys.Length || other.Capacity != Capacity)
            throw new ArgumentException("Caches differ in layers or capacity.", nameof(other));
        using var _ = no_grad();
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Concat(keys[i], other.keys[i] is { } k ? other.InUse(k) : null);
            values[i] = Concat(values[i], other.values[i] is { } v ? other.InUse(v) : null);
        }
        lengths = [.. lengths, .. other.lengths];
    }

    // other's rows (B_o, H_kv, S_max, D) after the rows in use, in the storage's room when it has enough; otherwise
    // the storage doubles (at least), so joining rows one request at a time copies each row O(1) times on average.
    Tensor? Concat(Tensor? all, Tensor? other)
    {
        if (all is null || other is null)
            return all is null ? other?.clone().DetachFromDisposeScope() : all;
        var (used, joining) = (lengths.Length, other.shape[0]);
        if (used + joining > all.shape[0])
        {
            var room = Math.Max(used + joining, 2 * all.shape[0]);
            var bigger = zeros([room, all.shape[1], all.shape[2], all.shape[3]], all.dtype, all.device); // (B_room, H_kv, S_max, D)
            bigger.narrow(0, 0, used).copy_(all.narrow(0, 0, used));
            bigger.DetachFromDisposeScope();
            all.Dispose();
            all = bigger;
        }
        all.narrow(0, used, joining).copy_(other);
        return all;
    }

    /// <summary>
    /// The output projection <paramref name="weight"/> (V, C) as a contiguous (C, V) copy, made on the first call and
    /// kept until <see cref="Dispose"/>. A decoding step's classifier is then a plain row-major matmul: libtorch's
    /// F.linear multiplies by the transposed (V, C) weight, which on this CPU took about twice as long for one row
    /// against a 32000 x 288 head (BENCHMARKS.md). The copy is as valid as the cached keys: both hold what the weights
    /// were while this cache was filled, and no one decodes on a cache across a weight update.
    /// </summary>
    internal Tensor Head(Tensor weight)
    {
        if (head is null)
        {
            using var _ = no_grad();
            head = weight.detach().t().contiguous();                                         // (C, V)
            head.DetachFromDisposeScope();
        }
        return head;
    }

    /// <summary>Releases the cached tensors.</summary>
    public void Dispose()
    {
        head?.Dispose();
        head = null;
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i]?.Dispose();
            values[i]?.Dispose();
            keys[i] = values[i] = null;
        }
        step?.Index?.Dispose();
        lengths = [];
    }

    /// <summary>Layer <paramref name="layer"/>'s key storage (tests check that steps write into the same tensor).</summary>
    internal Tensor? KeyStorage(int layer) => keys[layer];

    /// <summary>Shape of layer <paramref name="layer"/>'s key storage (its room for rows included).</summary>
    internal long[] KeyShape(int layer) => keys[layer]?.shape ?? [];

    sealed record Step(long Start, long Tokens, long Read, Tensor? Index);
}
