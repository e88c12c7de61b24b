using System.Text;

namespace Cai.TestKit;

/// <summary>Seeded random text for tokenizer tests and the tokenizer benchmark, which must read the same text.</summary>
public static class StoryText
{
    /// <summary>
    /// <paramref name="length"/> characters of story-like words with punctuation, runs of one letter (many equal-score
    /// ties) and non-ASCII, never ending inside a surrogate pair (one character shorter then).
    /// </summary>
    public static string Random(Random random, int length)
    {
        string[] words = ["Once", "upon", "a", "time", "there", "was", "little", "girl", "named", "Lily", "she", "liked",
            "to", "play", "in", "the", "park", "with", "her", "dog", "aaaa", "ssss", "ing", "ed", "café", "naïve", "日本",
            "\n", "  ", ",", ".", "!", "\"", "42", "é", "😀"];
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append(words[random.Next(words.Length)]);
            if (random.Next(3) > 0)
                text.Append(' ');
        }
        var s = text.ToString(0, length);
        return char.IsHighSurrogate(s[^1]) ? s[..^1] : s;
    }
}
