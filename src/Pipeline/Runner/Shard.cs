using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cai.Pipeline.Runner;

/// <summary>
/// One stable hash partition of prompt ids (<c>--shard k/n</c>, k in 0..n-1): a prompt belongs to shard
/// <c>sha256(id) mod n</c>, the same in every process and on every machine, so n workers split a run with every
/// prompt processed by exactly one of them.
/// </summary>
public readonly record struct Shard
{
    /// <summary>Creates shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    public Shard(int index, int count)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count), count, "Shard count must be >= 1.");
        if (index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Shard index must be in 0..{count - 1}.");
        (Index, Count) = (index, count);
    }

    /// <summary>The whole run: one shard of one.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>This shard's index, 0-based.</summary>
    public int Index { get; }

    /// <summary>How many shards the run is split into.</summary>
    public int Count { get; }

    /// <summary>Parses <c>k/n</c>, e.g. <c>0/4</c>.</summary>
    /// <exception cref="FormatException">The text is not <c>k/n</c> with 0 &lt;= k &lt; n.</exception>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && k < n)
            return new Shard(k, n);
        throw new FormatException($"Bad shard '{text}': expected k/n with 0 <= k < n, e.g. 0/4.");
    }

    /// <summary>Which shard of <paramref name="count"/> the id falls in.</summary>
    public static int Of(string id, int count)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        return (int)(BinaryPrimitives.ReadUInt64LittleEndian(hash) % (ulong)count);
    }

    /// <summary>Whether <paramref name="id"/> belongs to this shard.</summary>
    public bool Contains(string id) => Count == 1 || Of(id, Count) == Index;

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}
