using System.Numerics;

namespace Cai.Models.Llama2c;

// The llama2.c merge table as open addressing with linear probing over a power-of-two array at most half full, each entry
// holding the pair, the merged id and its merge key (one cache line read for most lookups, hit or miss). Replaces a
// Dictionary<long, int>, whose hash of a pair of ids (left ^ right) puts the 61,249 pairs of the 32,000 vocabulary
// into fewer than 32,768 buckets.
internal sealed class MergePairTable
{
    readonly Entry[] entries;
    readonly int shift;
    readonly uint noMerge;

    /// <summary>The table of <paramref name="pairs"/> (left id &lt;&lt; 32 | right id -> merged id), each with its
    /// <paramref name="mergeKey"/>; <see cref="Find"/> returns <paramref name="noMerge"/> for a pair not in it.</summary>
    public MergePairTable(Dictionary<long, int> pairs, Func<int, uint> mergeKey, uint noMerge)
    {
        this.noMerge = noMerge;
        var size = 16;
        while (size < 2 * pairs.Count)
            size *= 2;
        entries = new Entry[size];
        shift = 64 - BitOperations.Log2((uint)size);
        Array.Fill(entries, new Entry(Empty, 0, noMerge));
        foreach (var (pair, id) in pairs)
        {
            var i = Slot(pair);
            while (entries[i].Pair != Empty)
                i = (i + 1) & (entries.Length - 1);
            entries[i] = new Entry(pair, id, mergeKey(id));
        }
    }

    const long Empty = -1; // no pair: ids are not negative

    int Slot(long pair) => (int)(((ulong)pair * 0x9E37_79B9_7F4A_7C15UL) >> shift);

    /// <summary>The merge key of the pair and the merged id, or the table's no-merge key.</summary>
    public uint Find(long pair, out int id)
    {
        var entries = this.entries;
        for (var i = Slot(pair); ; i = (i + 1) & (entries.Length - 1))
        {
            ref readonly var entry = ref entries[i];
            if (entry.Pair == pair)
            {
                id = entry.Id;
                return entry.Key;
            }
            if (entry.Pair == Empty)
            {
                id = 0;
                return noMerge;
            }
        }
    }

    readonly record struct Entry(long Pair, int Id, uint Key);
}
