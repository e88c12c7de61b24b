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

/// <summary>An unpaired KTO example as read from a file (TRL columns <c>prompt</c>, <c>completion</c>, <c>label</c>).</summary>
/// <param name="Id">The record's id (its <c>id</c> field, or <c>line-N</c>).</param>
/// <param name="Line">The 1-based line it came from.</param>
/// <param name="Prompt">The prompt conversation.</param>
/// <param name="Completion">The completion (assistant turns).</param>
/// <param name="Label">True when the completion is desirable.</param>
public sealed record KtoExample(string Id, int Line, IReadOnlyList<ChatTurn> Prompt, IReadOnlyList<ChatTurn> Completion, bool Label);
