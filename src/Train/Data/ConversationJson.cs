using System.Text.Json;
using Cai.Models.Chat;

namespace Cai.Train.Data;

/// <summary>Reads TRL's two shapes of a text column: a message list (conversational) or a plain string (standard).</summary>
internal static class ConversationJson
{
    public static JsonElement Required(JsonElement root, string field) =>
        root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new DataFieldException(field, "required but missing");

    /// <summary>A message list as is; a string as one message of <paramref name="stringRole"/>.</summary>
    public static IReadOnlyList<ChatTurn> Turns(JsonElement value, string field, string stringRole)
    {
        if (value.ValueKind == JsonValueKind.String)
            return [new ChatTurn(stringRole, value.GetString()!)];
        if (value.ValueKind != JsonValueKind.Array)
            throw new DataFieldException(field, $"expected a string or a list of messages, got {value.ValueKind}");
        var turns = new List<ChatTurn>();
        var i = 0;
        foreach (var message in value.EnumerateArray())
        {
            var at = $"{field}[{i++}]";
            if (message.ValueKind != JsonValueKind.Object)
                throw new DataFieldException(at, "expected a {\"role\", \"content\"} object");
            var role = Text(message, "role", at);
            if (!ChatTurn.IsRole(role))
                throw new DataFieldException($"{at}.role", $"'{role}' is not system, user or assistant");
            turns.Add(new ChatTurn(role, Text(message, "content", at)));
        }

        return turns;
    }

    public static bool IsStandard(JsonElement value) => value.ValueKind == JsonValueKind.String;

    static string Text(JsonElement message, string name, string at) =>
        message.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new DataFieldException($"{at}.{name}", "expected a string");

    /// <summary>Splits two full conversations into their longest shared prefix (the prompt) and the differing tails (TRL's implicit prompt).</summary>
    public static (IReadOnlyList<ChatTurn> Prompt, IReadOnlyList<ChatTurn> Chosen, IReadOnlyList<ChatTurn> Rejected) SplitSharedPrefix(
        IReadOnlyList<ChatTurn> chosen, IReadOnlyList<ChatTurn> rejected)
    {
        if (chosen.Count == 0 || rejected.Count == 0 || chosen[^1].Role != ChatTurn.AssistantRole || rejected[^1].Role != ChatTurn.AssistantRole)
            throw new DataFieldException("chosen", "chosen and rejected must both end with an assistant turn");
        var shared = 0;
        while (shared < chosen.Count - 1 && shared < rejected.Count - 1 && chosen[shared] == rejected[shared])
            shared++;
        // The prompt ends before an assistant turn: back off to the last user/system turn so completions are assistant turns.
        while (shared > 0 && chosen[shared - 1].Role == ChatTurn.AssistantRole)
            shared--;
        if (shared == 0)
            throw new DataFieldException("chosen", "chosen and rejected share no prompt turns");
        return (chosen.Take(shared).ToArray(), chosen.Skip(shared).ToArray(), rejected.Skip(shared).ToArray());
    }
}
