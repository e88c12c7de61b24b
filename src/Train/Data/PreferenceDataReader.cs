using System.Text.Json;
using Cai.Models.Chat;

namespace Cai.Train.Data;

/// <summary>
/// Reads preference pairs from JSONL(.gz): TRL conversational (<c>prompt</c>/<c>chosen</c>/<c>rejected</c> message lists),
/// TRL standard (strings), implicit prompt (full conversations in <c>chosen</c>/<c>rejected</c>) and HH-RLHF transcripts;
/// an optional <c>label_prob</c> in [0, 1] and an optional <c>margin</c> (a finite number, TRL's reward-model column)
/// are kept. Bad lines are dropped into the <see cref="DataReport"/>.
/// </summary>
public static class PreferenceDataReader
{
    /// <summary>Reads every usable pair of <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyList<PreferenceExample> Read(string path, DataReport report) =>
        DataFileLines.Parse(path, report, (root, line) =>
        {
            try
            {
                return Parse(root, line);
            }
            catch (FormatException ex)
            {
                report.Drop(path, line, "cannot split transcript", ex.Message);
                return null;
            }
        });

    internal static PreferenceExample Parse(JsonElement root, int line)
    {
        var id = DataFileLines.IdOf(root, line);
        var chosen = ConversationJson.Required(root, "chosen");
        var rejected = ConversationJson.Required(root, "rejected");
        var labelProb = LabelProb(root);
        var margin = Margin(root);
        if (root.TryGetProperty("prompt", out var prompt) && prompt.ValueKind != JsonValueKind.Null)
        {
            return new PreferenceExample(id, line, ConversationJson.Turns(prompt, "prompt", ChatTurn.UserRole),
                ConversationJson.Turns(chosen, "chosen", ChatTurn.AssistantRole),
                ConversationJson.Turns(rejected, "rejected", ChatTurn.AssistantRole), labelProb, margin);
        }

        if (ConversationJson.IsStandard(chosen) && ConversationJson.IsStandard(rejected))
        {
            var (p, c, r) = HhRlhfTranscript.SplitPair(chosen.GetString()!, rejected.GetString()!);
            return new PreferenceExample(id, line, p, [c], [r], labelProb, margin);
        }

        var (sharedPrompt, chosenTail, rejectedTail) = ConversationJson.SplitSharedPrefix(
            ConversationJson.Turns(chosen, "chosen", ChatTurn.AssistantRole), ConversationJson.Turns(rejected, "rejected", ChatTurn.AssistantRole));
        return new PreferenceExample(id, line, sharedPrompt, chosenTail, rejectedTail, labelProb, margin);
    }

    static double? Margin(JsonElement root)
    {
        if (!root.TryGetProperty("margin", out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
            throw new DataFieldException("margin", "expected a finite number");
        return value.GetDouble();
    }

    static double? LabelProb(JsonElement root)
    {
        if (!root.TryGetProperty("label_prob", out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Number || value.GetDouble() is < 0 or > 1 or double.NaN)
            throw new DataFieldException("label_prob", "expected a number between 0 and 1");
        return value.GetDouble();
    }
}

/// <summary>A preference pair as read from a file, before tokenization.</summary>
/// <param name="Id">The record's id (its <c>id</c> field, or <c>line-N</c>).</param>
/// <param name="Line">The 1-based line it came from.</param>
/// <param name="Prompt">The shared prompt conversation.</param>
/// <param name="Chosen">The preferred continuation (assistant turns).</param>
/// <param name="Rejected">The dispreferred continuation (assistant turns).</param>
/// <param name="LabelProb">The AI-feedback probability that chosen is better; null for a hard label.</param>
/// <param name="Margin">TRL's <c>margin</c> column: how much better chosen is, used by the reward loss; null when absent.</param>
public sealed record PreferenceExample(string Id, int Line, IReadOnlyList<ChatTurn> Prompt, IReadOnlyList<ChatTurn> Chosen,
    IReadOnlyList<ChatTurn> Rejected, double? LabelProb = null, double? Margin = null);
