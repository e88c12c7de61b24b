using System.Buffers;
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
    readonly float[] scores;
    readonly Dictionary<string, int> ids;
    readonly Dictionary<int, int> runeIds; // code point -> id of the piece holding exactly its UTF-8 bytes
    readonly Dictionary<long, int> merges; // (left id, right id) -> id of the piece their concatenation spells

    Llama2cTokenizer(string[] pieces, float[] scores, int maxTokenLength)
    {
        this.pieces = pieces;
        this.scores = scores;
        MaxTokenLength = maxTokenLength;
        ids = new Dictionary<string, int>(pieces.Length, StringComparer.Ordinal);
        for (var i = 0; i < pieces.Length; i++)
            ids.TryAdd(pieces[i], i);
        (runeIds, merges) = (RuneIds(), Merges());
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
        foreach (var (piece, id) in ids)
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
        var tokens = new List<int>();
        if (addBos)
            tokens.Add(1);
        if (text.Length == 0)
            return tokens;
        var start = tokens.Count;
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in (" " + text).EnumerateRunes())
        {
            if (runeIds.TryGetValue(rune.Value, out var id))
            {
                tokens.Add(id);
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
                tokens.Add(utf8[i] + ByteOffset);
        }
        MergePairs(tokens, start);
        return tokens;
    }

    // run.c's merge rule (repeatedly merge the adjacent pair whose merged piece has the highest score, the leftmost
    // among equal scores) without its rescans: candidate pairs wait in a priority queue keyed by (score, position),
    // tokens form a linked list, and a merge only proposes the two pairs it creates. O(n log n) instead of O(n^2), same
    // ids. A popped candidate is checked against the list as it is now (its left token still there, the pair it starts
    // now merging with exactly the key's score): a candidate whose pair changed since is either dropped or, when the
    // new pair has the same key, is that pair's own entry, which is the right merge to make now because nothing valid
    // in the queue comes before it. Pairs are looked up by id in a table built with the vocabulary, not by
    // concatenating strings.
    void MergePairs(List<int> tokens, int start)
    {
        var n = tokens.Count - start;
        if (n < 2)
            return;
        var token = tokens.GetRange(start, n).ToArray();
        var next = new int[n];
        var prev = new int[n];
        var removed = new bool[n];
        for (var i = 0; i < n; i++)
            (next[i], prev[i]) = (i + 1 < n ? i + 1 : -1, i - 1);
        var initial = new List<(int Left, ulong Key)>(n);
        for (var i = 0; i < n - 1; i++)
            if (MergeAt(i) is (_, var key))
                initial.Add((i, key));
        var queue = new PriorityQueue<int, ulong>(initial); // heapified at once
        while (queue.TryDequeue(out var left, out var key))
        {
            if (removed[left] || MergeAt(left) is not (var merged, var now) || now != key)
                continue;
            var right = next[left];
            token[left] = merged;
            removed[right] = true;
            next[left] = next[right];
            if (next[left] >= 0)
                prev[next[left]] = left;
            if (prev[left] >= 0 && MergeAt(prev[left]) is (_, var before))
                queue.Enqueue(prev[left], before);
            if (MergeAt(left) is (_, var after))
                queue.Enqueue(left, after);
        }
        tokens.RemoveRange(start, n);
        for (var i = 0; i >= 0; i = next[i])
            tokens.Add(token[i]);

        // The piece the pair starting at token `at` merges into and its queue key, or null when it merges into none.
        (int Id, ulong Key)? MergeAt(int at)
        {
            var right = next[at];
            return right >= 0 && merges.TryGetValue(Pair(token[at], token[right]), out var id) && scores[id] > float.NegativeInfinity
                ? (id, Priority(scores[id], at))
                : null;
        }
    }

    /// <summary>
    /// Smaller first means highest score first and, among equal scores, the leftmost pair, as run.c's scan picks: the
    /// score's bits turned into an order-preserving unsigned key (0 and -0 equal), inverted, above the position.
    /// </summary>
    static ulong Priority(float score, int left)
    {
        var bits = (uint)BitConverter.SingleToInt32Bits(score == 0f ? 0f : score);
        var ascending = (bits & 0x8000_0000u) == 0 ? bits | 0x8000_0000u : ~bits;
        return ((ulong)~ascending << 32) | (uint)left;
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
            var piece = id >= ByteOffset && id < ByteOffset + 256 && IsByteToken(pieces[id])
                ? [(byte)(id - ByteOffset)]
                : Latin1.GetBytes(pieces[id]);
            bytes.AddRange(atStart && piece.Length > 0 && piece[0] == (byte)' ' ? piece[1..] : piece);
            atStart = false;
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    static bool IsByteToken(string piece) => piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece[5] == '>';
}
