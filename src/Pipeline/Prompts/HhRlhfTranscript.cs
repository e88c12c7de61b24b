namespace Cai.Pipeline.Prompts;

/// <summary>Reads the first human turn out of an HH-RLHF transcript (<c>"\n\nHuman: ...\n\nAssistant: ..."</c>).</summary>
public static class HhRlhfTranscript
{
    const string Human = "Human:";
    const string Assistant = "\n\nAssistant:";

    /// <summary>The text of the first human turn, trimmed; null when the transcript has none or it is empty.</summary>
    public static string? FirstHumanTurn(string transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var start = transcript.IndexOf(Human, StringComparison.Ordinal);
        if (start < 0)
            return null;
        start += Human.Length;
        var end = transcript.IndexOf(Assistant, start, StringComparison.Ordinal);
        // A later human turn without an assistant turn in between also ends the first one.
        var nextHuman = transcript.IndexOf("\n\n" + Human, start, StringComparison.Ordinal);
        if (end < 0 || (nextHuman >= 0 && nextHuman < end))
            end = nextHuman;
        var text = (end < 0 ? transcript[start..] : transcript[start..end]).Trim();
        return text.Length == 0 ? null : text;
    }
}
