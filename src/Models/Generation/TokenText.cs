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
    public static string Continuation(ITextTokenizer tokenizer, IReadOnlyList<int> prompt, IReadOnlyList<int> completion) =>
        Continuation(tokenizer, prompt, tokenizer.Decode(prompt), completion);

    /// <summary>As <see cref="Continuation(ITextTokenizer, IReadOnlyList{int}, IReadOnlyList{int})"/>, with the
    /// prompt's text decoded once by the caller (a row checks its stop strings after every token).</summary>
    public static string Continuation(ITextTokenizer tokenizer, IReadOnlyList<int> prompt, string promptText, IReadOnlyList<int> completion)
    {
        var after = tokenizer.Decode([.. prompt, .. completion]);
        return after.StartsWith(promptText, StringComparison.Ordinal) ? after[promptText.Length..] : tokenizer.Decode(completion);
    }
}
