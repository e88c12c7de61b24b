namespace Cai.Models.Tokenizers;

/// <summary>
/// How much text a number of tokens can use, so no path hands a tokenizer more text than the token limit behind it
/// could keep (a 50 MB training line, a 1 MB prompt for a 512-token model). Tokens of real vocabularies cover a few
/// characters on average and rarely more than 16, so <see cref="MaxCharsPerToken"/> characters per token is a
/// bound that cutting text to never changes the kept tokens of ordinary text.
/// </summary>
public static class TextBudget
{
    /// <summary>The most characters one token is assumed to cover.</summary>
    public const int MaxCharsPerToken = 32;

    /// <summary>The most characters <paramref name="tokens"/> tokens can cover.</summary>
    public static long MaxChars(int tokens) => (long)Math.Max(tokens, 0) * MaxCharsPerToken;
}
