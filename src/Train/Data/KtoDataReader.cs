using System.Text.Json;
using Cai.Models.Chat;

namespace Cai.Train.Data;

/// <summary>Reads unpaired KTO examples (TRL columns <c>prompt</c>, <c>completion</c>, boolean <c>label</c>) from JSONL(.gz).</summary>
public static class KtoDataReader
{
    /// <summary>Reads every usable example of <paramref name="path"/>; bad lines go to <paramref name="report"/>.</summary>
    public static IReadOnlyList<KtoExample> Read(string path, DataReport report)
    {
        var examples = new List<KtoExample>();
        foreach (var (line, root) in DataFileLines.Read(path, report))
        {
            try
            {
                var label = ConversationJson.Required(root, "label");
                if (label.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    throw new DataFieldException("label", "expected true or false");
                examples.Add(new KtoExample(DataFileLines.IdOf(root, line), line,
                    ConversationJson.Turns(ConversationJson.Required(root, "prompt"), "prompt", ChatTurn.UserRole),
                    ConversationJson.Turns(ConversationJson.Required(root, "completion"), "completion", ChatTurn.AssistantRole),
                    label.GetBoolean()));
            }
            catch (DataFieldException ex)
            {
                report.Drop(path, line, "bad field", ex.Message);
            }
        }

        return examples;
    }
}
