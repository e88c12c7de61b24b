using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Cai.Models.Tokenizers;

namespace Cai.Models.Llama2c;

/// <summary>
/// The tokenizer of llama2.c (tokenizer.bin, tok512.bin): a SentencePiece-style BPE vocabulary with scores, encoded
/// as run.c does — dummy prefix space, code points looked up whole or as byte-fallback tokens <c>&lt;0xNN&gt;</c>
/// (ids 3..258), then greedy merging of the adjacent pair with the highest score.
/// </summary>
public sealed class Llama2cTokenizer : ITextTokenizer
{
    const int ByteOffset = 3;
    static readonly Encoding Latin1 = Encoding.Latin1; // bytes <-> chars one to one, so pieces key a dictionary exactly

    readonly string[] pieces;
    byte[]?[]? pieceBytes;
    readonly float[] scores;
    readonly Dictionary<string, int> ids;
    readonly Dictionary<int, int> runeIds; // code point -> id of the piece holding exactly its UTF-8 bytes
    readonly MergePairTable merges; // (left id, right id) -> id of the piece their concatenation spells, if it can merge
    readonly int[] asciiIds; // runeIds for code points below 128, -1 where none
    readonly short[] firstByte, lastByte; // of each piece, -1 when it is empty
    readonly ulong[] adjacent; // bit (a << 8 | b): some piece holds byte a followed by byte b

    Llama2cTokenizer(string[] pieces, float[] scores, int maxTokenLength)
    {
        this.pieces = pieces;
        this.scores = scores;
        MaxTokenLength = maxTokenLength;
        ids = new Dictionary<string, int>(pieces.Length, StringComparer.Ordinal);
        for (var i = 0; i < pieces.Length; i++)
            ids.TryAdd(pieces[i], i);
        runeIds = RuneIds();
        merges = new MergePairTable(Merges(), id => MergeKey(scores[id]), NoMerge);
        asciiIds = new int[128];
        for (var c = 0; c < asciiIds.Length; c++)
            asciiIds[c] = runeIds.TryGetValue(c, out var id) ? id : -1;
        (firstByte, lastByte, adjacent) = (new short[pieces.Length], new short[pieces.Length], new ulong[65536 / 64]);
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i];
            (firstByte[i], lastByte[i]) = piece.Length == 0 ? ((short)-1, (short)-1) : ((short)piece[0], (short)piece[^1]);
            for (var k = 0; k + 1 < piece.Length; k++)
                adjacent[(piece[k] << 8 | piece[k + 1]) >> 6] |= 1UL << (piece[k] << 8 | piece[k + 1]);
        }
    }

    // What Encode looked up per code point (its UTF-8 bytes as a piece), computed once from the vocabulary.
    Dictionary<int, int> RuneIds()
    {
        var result = new Dictionary<int, int>();
        foreach (var (piece, id) in ids)
        {
            var bytes = Latin1.GetBytes(piece);
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var used) == OperationStatus.Done && used == bytes.Length)
                result[rune.Value] = id;
        }
        return result;
    }

    // What the merge loop looked up per adjacent pair (the concatenation of their pieces as a piece), computed once:
    // every split of every piece into two pieces, with every id that spells each side (a piece may repeat).
    Dictionary<long, int> Merges()
    {
        var spelledBy = new Dictionary<string, List<int>>(pieces.Length, StringComparer.Ordinal);
        for (var i = 0; i < pieces.Length; i++)
            (spelledBy.TryGetValue(pieces[i], out var list) ? list : spelledBy[pieces[i]] = []).Add(i);
        var result = new Dictionary<long, int>();
        foreach (var (piece, id) in ids.Where(p => scores[p.Value] > float.NegativeInfinity)) // else run.c never merges
            for (var k = 0; k <= piece.Length; k++)
                if (spelledBy.TryGetValue(piece[..k], out var lefts) && spelledBy.TryGetValue(piece[k..], out var rights))
                    foreach (var left in lefts)
                        foreach (var right in rights)
                            result[Pair(left, right)] = id;
        return result;
    }

    static long Pair(int left, int right) => ((long)left << 32) | (uint)right;

    /// <inheritdoc/>
    public int VocabSize => pieces.Length;

    /// <inheritdoc/>
    public int? BosId => 1;

    /// <inheritdoc/>
    public int EosId => 2;

    /// <summary>Longest piece in bytes, as stored in the file header.</summary>
    public int MaxTokenLength { get; }

    /// <summary>The raw bytes of piece <paramref name="id"/>.</summary>
    public byte[] PieceBytes(int id) => Latin1.GetBytes(pieces[id]);

    /// <summary>The merge score of piece <paramref name="id"/>.</summary>
    public float Score(int id) => scores[id];

    /// <summary>Reads a llama2.c tokenizer file holding <paramref name="vocabSize"/> entries.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file ends early or holds an impossible length.</exception>
    public static Llama2cTokenizer Load(string path, int vocabSize)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"llama2.c tokenizer '{path}' not found.", path);
        using var reader = new BinaryReader(File.OpenRead(path));
        var pieces = new string[vocabSize];
        var scores = new float[vocabSize];
        try
        {
            var maxLen = reader.ReadInt32();
            for (var i = 0; i < vocabSize; i++)
            {
                scores[i] = reader.ReadSingle();
                var len = reader.ReadInt32();
                if (len < 0 || len > 1024)
                    throw new InvalidDataException(
                        $"{path}: entry {i} (byte {reader.BaseStream.Position - 4}) has length {len}.");
                pieces[i] = Latin1.GetString(reader.ReadBytes(len));
            }
            return new Llama2cTokenizer(pieces, scores, maxLen);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException(
                $"{path}: ends at byte {reader.BaseStream.Length} before all {vocabSize} vocabulary entries were read; " +
                "does the tokenizer match the model's vocab_size?");
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<int> Encode(string text, bool addBos = true)
    {
        if (text.Length == 0)
            return addBos ? new List<int> { 1 } : new List<int>();
        // At most one token per UTF-8 byte of " " + text (an unpaired surrogate counts as U+FFFD's 3 bytes both here
        // and where it is looked up or split into byte tokens).
        var tokens = new List<int>();
        CollectionsMarshal.SetCount(tokens, (addBos ? 2 : 1) + Encoding.UTF8.GetByteCount(text));
        var span = CollectionsMarshal.AsSpan(tokens);
        var count = 0;
        if (addBos)
            span[count++] = 1;
        var start = count;
        count = Append(span, count, new Rune(' '));
        var chars = text.AsSpan();
        for (var i = 0; i < chars.Length;)
        {
            var c = chars[i];
            if (c < 128 && asciiIds[c] >= 0)
            {
                span[count++] = asciiIds[c];
                i++;
                continue;
            }
            Rune.DecodeFromUtf16(chars[i..], out var rune, out var used); // as string.EnumerateRunes: U+FFFD for bad input
            i += used;
            count = Append(span, count, rune);
        }
        count = start + MergePairs(span[start..count]);
        CollectionsMarshal.SetCount(tokens, count);
        return tokens;
    }

    // The piece holding exactly the rune's UTF-8 bytes, else one byte token per byte.
    int Append(Span<int> tokens, int count, Rune rune)
    {
        if (runeIds.TryGetValue(rune.Value, out var id))
        {
            tokens[count++] = id;
            return count;
        }
        Span<byte> utf8 = stackalloc byte[4];
        var length = rune.EncodeToUtf8(utf8);
        for (var i = 0; i < length; i++)
            tokens[count++] = utf8[i] + ByteOffset;
        return count;
    }

    const int SmallSegment = 32;
    const uint NoMerge = uint.MaxValue; // above the key of every score above -inf (it is a NaN's, and NaN never merges)
    const ulong NoKey = ulong.MaxValue;

    // run.c's merge rule (repeatedly merge the adjacent pair whose merged piece has the highest score, the leftmost
    // among equal scores), without its rescans of the whole text. Tokens are merged in segments that no merge can
    // cross: a boundary where the last byte of the left token's piece followed by the first byte of the right one's
    // occurs in no piece of the vocabulary (before each space that follows a non-space, for both llama2.c
    // vocabularies). Every merge spells the pieces it joins, so no piece ever spans such a boundary, the segments
    // never interact, and merging each alone in run.c's order makes the same merges as run.c's scan over the whole
    // text. A short segment is rescanned like run.c (its pair keys cached); a long one keeps its candidate pairs in a
    // binary heap of packed keys. Returns the number of tokens left at the front of `tokens`.
    int MergePairs(Span<int> tokens)
    {
        var n = tokens.Length;
        Span<uint> keys = stackalloc uint[SmallSegment];
        Span<int> merged = stackalloc int[SmallSegment];
        var scratch = default(HeapScratch);
        var (written, start) = (0, 0);
        for (var i = 0; i < n; i++)
        {
            if (i + 1 < n && !Boundary(tokens[i], tokens[i + 1]))
                continue;
            var segment = tokens[start..(i + 1)];
            var length = segment.Length == 1 ? 1
                : segment.Length <= SmallSegment ? MergeShort(segment, keys, merged)
                : MergeLong(segment, ref scratch);
            segment[..length].CopyTo(tokens[written..]);
            written += length;
            start = i + 1;
        }
        return written;
    }

    bool Boundary(int left, int right)
    {
        int last = lastByte[left], first = firstByte[right];
        return last >= 0 && first >= 0 && (adjacent[(last << 8 | first) >> 6] & (1UL << (last << 8 | first))) == 0;
    }

    // The merge key of the pair (left, right): the merged piece's score as an ascending-is-worse unsigned key, or
    // NoMerge; `id` is the merged piece.
    uint Lookup(int left, int right, out int id) => merges.Find(Pair(left, right), out id);

    // run.c's loop on a few tokens: merge the pair with the smallest key (the first of equal ones), then rescan.
    int MergeShort(Span<int> tokens, Span<uint> keys, Span<int> merged)
    {
        var n = tokens.Length;
        for (var j = 0; j < n - 1; j++)
            keys[j] = Lookup(tokens[j], tokens[j + 1], out merged[j]);
        while (n > 1)
        {
            var best = 0;
            for (var j = 1; j < n - 1; j++)
                if (keys[j] < keys[best])
                    best = j;
            if (keys[best] == NoMerge)
                break;
            tokens[best] = merged[best];
            for (var j = best + 1; j < n - 1; j++) // drop token best + 1 and the pair it started
                (tokens[j], keys[j], merged[j]) = (tokens[j + 1], keys[j + 1], merged[j + 1]);
            n--;
            if (best < n - 1)
                keys[best] = Lookup(tokens[best], tokens[best + 1], out merged[best]);
            if (best > 0)
                keys[best - 1] = Lookup(tokens[best - 1], tokens[best], out merged[best - 1]);
        }
        return n;
    }

    // The same order on many tokens: they form a linked list, candidate pairs wait in a min-heap of keys packing
    // (score key, position of the left token) into one ulong, and a merge proposes only the two pairs it creates.
    // key[j] is the current key of the pair starting at token j (NoKey: none, or token j is gone), so a popped key
    // is current exactly when it equals key[j]; an outdated one is skipped. A popped key equal to the current one is
    // the best pair now even if it was pushed for an earlier pair at j with the same score: nothing current is below it.
    int MergeLong(Span<int> tokens, ref HeapScratch scratch)
    {
        var n = tokens.Length;
        scratch.Ensure(n);
        var (next, prev, key, merged, heap) = (scratch.Next, scratch.Prev, scratch.Key, scratch.Merged, scratch.Heap);
        var count = 0;
        for (var j = 0; j < n; j++)
        {
            (next[j], prev[j]) = (j + 1 < n ? j + 1 : -1, j - 1);
            var k = j + 1 < n ? Lookup(tokens[j], tokens[j + 1], out merged[j]) : NoMerge;
            key[j] = k == NoMerge ? NoKey : (ulong)k << 32 | (uint)j;
            if (k != NoMerge)
                heap[count++] = key[j];
        }
        for (var i = count / 2 - 1; i >= 0; i--)
            SiftDown(heap, count, i, heap[i]);
        while (count > 0)
        {
            var top = heap[0];
            count--;
            if (count > 0)
                SiftDown(heap, count, 0, heap[count]);
            var left = (int)(uint)top;
            if (key[left] != top)
                continue;
            var right = next[left];
            tokens[left] = merged[left];
            key[right] = NoKey;
            next[left] = next[right];
            if (next[left] >= 0)
                prev[next[left]] = left;
            if (prev[left] >= 0)
                count = Propose(tokens, prev[left], ref scratch, count);
            count = Propose(tokens, left, ref scratch, count);
        }
        var length = 0;
        for (var j = 0; j >= 0; j = next[j])
            tokens[length++] = tokens[j];
        return length;
    }

    // Sets the key of the pair starting at token `at` and pushes it when the pair merges; returns the heap's count.
    int Propose(Span<int> tokens, int at, ref HeapScratch scratch, int count)
    {
        var (next, key, heap) = (scratch.Next, scratch.Key, scratch.Heap);
        var k = next[at] >= 0 ? Lookup(tokens[at], tokens[next[at]], out scratch.Merged[at]) : NoMerge;
        key[at] = k == NoMerge ? NoKey : (ulong)k << 32 | (uint)at;
        if (k == NoMerge)
            return count;
        var i = count++;
        while (i > 0 && heap[(i - 1) / 2] > key[at])
            (heap[i], i) = (heap[(i - 1) / 2], (i - 1) / 2);
        heap[i] = key[at];
        return count;
    }

    static void SiftDown(ulong[] heap, int count, int i, ulong value)
    {
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= count)
                break;
            if (child + 1 < count && heap[child + 1] < heap[child])
                child++;
            if (heap[child] >= value)
                break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = value;
    }

    // Arrays of MergeLong, allocated for the longest segment of one Encode call (the tokenizer is shared across threads).
    struct HeapScratch
    {
        public int[] Next, Prev, Merged;
        public ulong[] Key, Heap;

        public void Ensure(int n)
        {
            if (Next is not null && Next.Length >= n)
                return;
            (Next, Prev, Merged, Key) = (new int[n], new int[n], new int[n], new ulong[n]);
            Heap = new ulong[2 * n]; // n - 1 first keys, then each merge pops one and pushes two at most, over n - 1 merges
        }
    }

    /// <summary>
    /// Smaller first means highest score first, as run.c's scan picks: the score's bits turned into an
    /// order-preserving unsigned key (0 and -0 equal), inverted.
    /// </summary>
    static uint MergeKey(float score)
    {
        var bits = (uint)BitConverter.SingleToInt32Bits(score == 0f ? 0f : score);
        var ascending = (bits & 0x8000_0000u) == 0 ? bits | 0x8000_0000u : ~bits;
        return ~ascending;
    }

    /// <inheritdoc/>
    /// <remarks>Like run.c, a piece right after BOS (or at the start) loses its leading space; &lt;0xNN&gt; becomes the byte.</remarks>
    public string Decode(IEnumerable<int> ids)
    {
        var bytes = new List<byte>();
        var atStart = true;
        foreach (var id in ids)
        {
            if (id == BosId)
            {
                atStart = true;
                continue;
            }
            if (id == EosId || id < 0 || id >= pieces.Length)
                continue;
            ReadOnlySpan<byte> piece = DecodedBytes(id);
            bytes.AddRange(atStart && piece.Length > 0 && piece[0] == (byte)' ' ? piece[1..] : piece);
            atStart = false;
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    // The bytes each id decodes to, made on first use: decoding runs after every generated token of a row that
    // watches for stop strings, so it should not re-encode pieces each time.
    byte[] DecodedBytes(int id)
    {
        var table = pieceBytes ??= new byte[pieces.Length][];
        return table[id] ??= id >= ByteOffset && id < ByteOffset + 256 && IsByteToken(pieces[id])
            ? [(byte)(id - ByteOffset)]
            : Latin1.GetBytes(pieces[id]);
    }

    static bool IsByteToken(string piece) => piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece[5] == '>';
}
