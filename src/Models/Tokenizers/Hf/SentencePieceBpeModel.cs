using System.Globalization;
using System.Text;

namespace Cai.Models.Tokenizers.Hf;

/// <summary>
/// SentencePiece-style BPE as Llama 2 / TinyLlama tokenizer.json files describe it: spaces become ▁ and one ▁ is
/// prepended, characters merge by rank, and a character missing from the vocabulary falls back to its UTF-8
/// bytes as &lt;0xXX&gt; tokens. Decoding reverses it (Replace ▁, ByteFallback, Fuse, Strip one leading space).
/// Microsoft.ML.Tokenizers' BpeTokenizer has no byte fallback and its LlamaTokenizer needs a .model protobuf,
/// so this part is written here.
/// </summary>
internal sealed class SentencePieceBpeModel : ITokenModel
{
    const char Space = '\u2581';
    readonly IReadOnlyDictionary<string, int> vocab;
    readonly Dictionary<int, string> byId;
    readonly Dictionary<(string, string), int> ranks = [];
    readonly int?[] byteIds = new int?[256];
    readonly int? unkId;
    readonly PrependScheme prepend;

    public SentencePieceBpeModel(IReadOnlyDictionary<string, int> vocab, IReadOnlyList<string> merges, bool byteFallback, int? unkId, PrependScheme prepend)
    {
        this.vocab = vocab;
        byId = vocab.ToDictionary(kv => kv.Value, kv => kv.Key);
        for (var i = 0; i < merges.Count; i++)
        {
            var parts = merges[i].Split(' ', 2);
            ranks.TryAdd((parts[0], parts[1]), i);
        }
        if (byteFallback)
            for (var b = 0; b < 256; b++)
                byteIds[b] = vocab.TryGetValue($"<0x{b:X2}>", out var id) ? id : null;
        this.unkId = unkId;
        this.prepend = prepend;
    }

    public int VocabSize => vocab.Count;

    public void Encode(string text, bool atStart, List<int> ids)
    {
        if (text.Length == 0)
            return;
        var prepend = this.prepend == PrependScheme.Always || (this.prepend == PrependScheme.First && atStart);
        var normalized = (prepend ? Space + text : text).Replace(' ', Space);
        var symbols = new List<string>();
        for (var e = StringInfo.GetTextElementEnumerator(normalized); e.MoveNext();)
            foreach (var rune in e.GetTextElement().EnumerateRunes())
                symbols.Add(rune.ToString());
        Merge(symbols);
        foreach (var s in symbols)
        {
            if (vocab.TryGetValue(s, out var id))
                ids.Add(id);
            else
                Fallback(s, ids);
        }
    }

    public string Decode(IReadOnlyList<int> ids)
    {
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            var token = byId.TryGetValue(id, out var t) ? t : "";
            if (token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
                && byte.TryParse(token.AsSpan(3, 2), NumberStyles.HexNumber, null, out var b))
                bytes.Add(b);
            else
                bytes.AddRange(Encoding.UTF8.GetBytes(token.Replace(Space, ' ')));
        }
        var text = Encoding.UTF8.GetString([.. bytes]);
        return prepend != PrependScheme.Never && text.StartsWith(' ') ? text[1..] : text;
    }

    void Merge(List<string> symbols)
    {
        while (symbols.Count > 1)
        {
            int best = -1, bestRank = int.MaxValue;
            for (var i = 0; i < symbols.Count - 1; i++)
                if (ranks.TryGetValue((symbols[i], symbols[i + 1]), out var rank) && rank < bestRank)
                    (best, bestRank) = (i, rank);
            if (best < 0)
                return;
            symbols[best] += symbols[best + 1];
            symbols.RemoveAt(best + 1);
        }
    }

    void Fallback(string symbol, List<int> ids)
    {
        var bytes = Encoding.UTF8.GetBytes(symbol);
        if (bytes.All(b => byteIds[b] is not null))
            ids.AddRange(bytes.Select(b => byteIds[b]!.Value));
        else
            ids.Add(unkId ?? throw new InvalidOperationException(
                $"'{symbol}' is not in the vocabulary and the tokenizer has neither byte fallback nor an unk_token"));
    }
}
