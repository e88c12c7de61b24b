using Cai.Models.Tokenizers;

namespace Cai.Models.Generation;

/// <summary>
/// Text of a token as it reads mid-sentence. Decoding one id alone loses SentencePiece's leading space, so the id is
/// decoded after an anchor token and the anchor's text is removed. Thread-safe; results are cached per id.
/// </summary>
/// <param name="tokenizer">The tokenizer whose pieces are read.</param>
public sealed class TokenText(ITextTokenizer tokenizer)
{
    readonly IReadOnlyList<int> anchor = tokenizer.Encode("a", addBos: false);
    readonly Dictionary<int, string> cache = [];

    /// <summary>The text of token <paramref name="id"/> as it reads after other text.</summary>
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

    /// <summary>The text that <paramref name="completion"/> adds after <paramref name="prompt"/>.</summary>
    public static string Continuation(ITextTokenizer tokenizer, IReadOnlyList<int> prompt, IReadOnlyList<int> completion)
    {
        var before = tokenizer.Decode(prompt);
        var after = tokenizer.Decode([.. prompt, .. completion]);
        return after.StartsWith(before, StringComparison.Ordinal) ? after[before.Length..] : tokenizer.Decode(completion);
    }
}
