using Cai.Models.Tokenizers;

namespace Cai.Pipeline.Local;

/// <summary>
/// Text of single tokens as they read mid-sentence (decoding an id alone drops SentencePiece's leading space, so it
/// is decoded after an anchor and the anchor's text removed). Mirrors Cai.Models' internal TokenText.
/// </summary>
internal sealed class TokenPieces(ITextTokenizer tokenizer)
{
    readonly IReadOnlyList<int> anchor = tokenizer.Encode("a", addBos: false);
    readonly Dictionary<int, string> cache = [];

    public string Of(int id)
    {
        lock (cache)
        {
            if (cache.TryGetValue(id, out var text))
                return text;
            var prefix = tokenizer.Decode(anchor);
            var both = tokenizer.Decode([.. anchor, id]);
            text = both.StartsWith(prefix, StringComparison.Ordinal) ? both[prefix.Length..] : tokenizer.Decode([id]);
            cache[id] = text;
            return text;
        }
    }
}
