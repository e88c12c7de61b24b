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

    Llama2cTokenizer(string[] pieces, float[] scores, int maxTokenLength)
    {
        this.pieces = pieces;
        this.scores = scores;
        MaxTokenLength = maxTokenLength;
        ids = new Dictionary<string, int>(pieces.Length, StringComparer.Ordinal);
        for (var i = 0; i < pieces.Length; i++)
            ids.TryAdd(pieces[i], i);
    }

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
        foreach (var rune in (" " + text).EnumerateRunes())
        {
            var utf8 = new byte[rune.Utf8SequenceLength];
            rune.EncodeToUtf8(utf8);
            if (ids.TryGetValue(Latin1.GetString(utf8), out var id))
                tokens.Add(id);
            else
                tokens.AddRange(utf8.Select(b => b + ByteOffset));
        }
        MergePairs(tokens, start);
        return tokens;
    }

    // run.c's merge rule (repeatedly merge the adjacent pair whose merged piece has the highest score, the leftmost
    // among equal scores) without its rescans: candidate pairs wait in a priority queue ordered by (score, position),
    // tokens form a linked list, and a merge only proposes the two pairs it creates. Stale candidates (a side merged
    // since) are recognised by version counters and skipped. O(n log n) instead of O(n^2), same ids.
    void MergePairs(List<int> tokens, int start)
    {
        var n = tokens.Count - start;
        if (n < 2)
            return;
        var token = tokens.GetRange(start, n).ToArray();
        var next = new int[n];
        var prev = new int[n];
        var version = new int[n];
        for (var i = 0; i < n; i++)
            (next[i], prev[i]) = (i + 1 < n ? i + 1 : -1, i - 1);
        var queue = new PriorityQueue<Candidate, (float Score, int Left)>(n, CandidateOrder.Instance);
        void Propose(int left)
        {
            var right = left < 0 ? -1 : next[left];
            if (right < 0 || !ids.TryGetValue(pieces[token[left]] + pieces[token[right]], out var id) || !(scores[id] > float.NegativeInfinity))
                return;
            queue.Enqueue(new Candidate(left, right, version[left], version[right], id), (scores[id], left));
        }
        for (var i = 0; i < n - 1; i++)
            Propose(i);
        while (queue.TryDequeue(out var c, out _))
        {
            if (version[c.Left] != c.LeftVersion || version[c.Right] != c.RightVersion || next[c.Left] != c.Right)
                continue;
            token[c.Left] = c.Merged;
            version[c.Left]++;
            version[c.Right]++; // removed: every candidate naming it is stale
            next[c.Left] = next[c.Right];
            if (next[c.Left] >= 0)
                prev[next[c.Left]] = c.Left;
            Propose(prev[c.Left]);
            Propose(c.Left);
        }
        tokens.RemoveRange(start, n);
        for (var i = 0; i >= 0; i = next[i])
            tokens.Add(token[i]);
    }

    readonly record struct Candidate(int Left, int Right, int LeftVersion, int RightVersion, int Merged);

    /// <summary>Highest score first; among equal scores the leftmost pair, as run.c's scan picks.</summary>
    sealed class CandidateOrder : IComparer<(float Score, int Left)>
    {
        public static readonly CandidateOrder Instance = new();

        public int Compare((float Score, int Left) a, (float Score, int Left) b) =>
            a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Left.CompareTo(b.Left);
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
