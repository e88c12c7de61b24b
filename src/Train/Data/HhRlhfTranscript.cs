using Cai.Models.Chat;

namespace Cai.Train.Data;

/// <summary>
/// Parses Anthropic HH-RLHF transcripts (<c>"\n\nHuman: ...\n\nAssistant: ..."</c>, Bai et al. 2022, arXiv 2204.05862)
/// into chat turns.
/// </summary>
public static class HhRlhfTranscript
{
    const string Human = "\n\nHuman:";
    const string Assistant = "\n\nAssistant:";

    /// <summary>Whether <paramref name="text"/> looks like an HH transcript.</summary>
    public static bool Looks(string text) => text.StartsWith(Human, StringComparison.Ordinal);

    /// <summary>Splits a transcript at its <c>\n\nHuman:</c> / <c>\n\nAssistant:</c> markers; contents are trimmed.</summary>
    /// <exception cref="FormatException">The text does not start with a Human turn.</exception>
    public static IReadOnlyList<ChatTurn> Parse(string text)
    {
        if (!Looks(text))
            throw new FormatException("transcript does not start with \"\\n\\nHuman:\"");
        var turns = new List<ChatTurn>();
        var at = 0;
        while (at < text.Length)
        {
            var isHuman = string.CompareOrdinal(text, at, Human, 0, Human.Length) == 0;
            var start = at + (isHuman ? Human.Length : Assistant.Length);
            var next = NextMarker(text, start);
            turns.Add(new ChatTurn(isHuman ? ChatTurn.UserRole : ChatTurn.AssistantRole, text[start..next].Trim()));
            at = next;
        }

        return turns;
    }

    /// <summary>
    /// Splits an HH pair: the shared turns before the last assistant turn are the prompt; the last assistant turns differ.
    /// </summary>
    /// <exception cref="FormatException">A transcript cannot be parsed, does not end with an assistant turn, or the two differ earlier.</exception>
    public static (IReadOnlyList<ChatTurn> Prompt, ChatTurn Chosen, ChatTurn Rejected) SplitPair(string chosen, string rejected)
    {
        var c = Parse(chosen);
        var r = Parse(rejected);
        if (c[^1].Role != ChatTurn.AssistantRole || r[^1].Role != ChatTurn.AssistantRole)
            throw new FormatException("a transcript does not end with an Assistant turn");
        if (c.Count != r.Count || !c.Take(c.Count - 1).SequenceEqual(r.Take(r.Count - 1)))
            throw new FormatException("chosen and rejected differ before their last Assistant turn");
        return (c.Take(c.Count - 1).ToArray(), c[^1], r[^1]);
    }

    static int NextMarker(string text, int from)
    {
        var human = text.IndexOf(Human, from, StringComparison.Ordinal);
        var assistant = text.IndexOf(Assistant, from, StringComparison.Ordinal);
        return (human, assistant) switch
        {
            (< 0, < 0) => text.Length,
            (< 0, _) => assistant,
            (_, < 0) => human,
            _ => Math.Min(human, assistant),
        };
    }
}
