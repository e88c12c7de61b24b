using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Cai.Core.Runs;

/// <summary>
/// Per-item randomness derived from (run seed, item id): the same item gets the same seed in every process, on
/// every machine and in any order, so a resumed or sharded run samples exactly what an uninterrupted one would.
/// Uses SHA-256, never <see cref="string.GetHashCode()"/> (randomised per process).
/// </summary>
public static class SeededRandom
{
    /// <summary>The non-negative 31-bit seed of <paramref name="itemId"/> within the run seeded <paramref name="runSeed"/>.</summary>
    public static int DeriveSeed(long runSeed, string itemId)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        var input = new byte[8 + Encoding.UTF8.GetByteCount(itemId)];
        BinaryPrimitives.WriteInt64LittleEndian(input, runSeed);
        Encoding.UTF8.GetBytes(itemId, input.AsSpan(8));
        var hash = SHA256.HashData(input);
        return (int)(BinaryPrimitives.ReadUInt32LittleEndian(hash) & int.MaxValue);
    }

    /// <summary>A <see cref="Random"/> for <paramref name="itemId"/>; seeded <see cref="Random"/> sequences are stable across .NET versions.</summary>
    public static Random For(long runSeed, string itemId) => new(DeriveSeed(runSeed, itemId));
}
