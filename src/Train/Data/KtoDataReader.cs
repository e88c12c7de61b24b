using System.Text.Json;
using Cai.Models.Chat;

namespace Cai.Train.Data;

/// <summary>Reads unpaired KTO examples (TRL columns <c>prompt</c>, <c>completion</c>, boolean <c>label</c>) from JSONL(.gz).</summary>
public static class KtoDataReader
{
    /// <summary>Reads every usable example of <paramref name="path"/>; bad lines go to <paramref name="report"/>.</summary>
    public static IReadOnlyList<KtoExample> Read(string path, DataReport report) =>
        DataFileLines.Parse(path, report, (root, line) =>
        {
            var label = ConversationJson.Required(root, "label");
            if (label.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw new DataFieldException("label", "expected true or false");
            return new KtoExample(DataFileLines.IdOf(root, line), line,
                ConversationJson.Turns(ConversationJson.Required(root, "prompt"), "prompt", ChatTurn.UserRole),
                ConversationJson.Turns(ConversationJson.Required(root, "completion"), "completion", ChatTurn.AssistantRole),
                label.GetBoolean());
        });
}
