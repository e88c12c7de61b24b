using Cai.Models.Chat;

namespace Cai.Train.Data;

/// <summary>
/// Cuts the text of a conversation side to a character budget before it is tokenized, keeping its start (a
/// completion) or its end (a prompt truncated from the left): the token limits cut the rest anyway, and tokenizing
/// megabytes only to drop them can take minutes. Turns are kept (emptied past the budget) so the rendering keeps its shape.
/// </summary>
internal static class TextCap
{
    /// <summary><paramref name="turns"/> with at most <paramref name="maxChars"/> characters of content in total.</summary>
    public static IReadOnlyList<ChatTurn> Cap(IReadOnlyList<ChatTurn> turns, long maxChars, bool keepEnd, out bool capped)
    {
        capped = false;
        if (turns.Sum(t => (long)t.Content.Length) <= maxChars)
            return turns;
        capped = true;
        var result = new ChatTurn[turns.Count];
        var budget = maxChars;
        for (var k = 0; k < turns.Count; k++)
        {
            var i = keepEnd ? turns.Count - 1 - k : k;
            var text = turns[i].Content;
            var keep = (int)Math.Min(text.Length, budget);
            budget -= keep;
            result[i] = keep == text.Length ? turns[i] : turns[i] with { Content = Cut(text, keep, keepEnd) };
        }
        return result;
    }

    // Never split a surrogate pair: a lone half is not text.
    static string Cut(string text, int keep, bool keepEnd)
    {
        if (keepEnd)
        {
            var start = text.Length - keep;
            if (start > 0 && start < text.Length && char.IsLowSurrogate(text[start]))
                start++;
            return text[start..];
        }
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
            keep--;
        return text[..keep];
    }
}
