using AI = Microsoft.Extensions.AI;

namespace Cai.Core.Records;

/// <summary>Maps cai's record messages to Microsoft.Extensions.AI chat messages: the one mapping every stage uses.</summary>
public static class ChatMessages
{
    /// <summary>The conversation as <see cref="AI.ChatMessage"/>s, in order.</summary>
    public static List<AI.ChatMessage> ToChat(IEnumerable<Message> messages) =>
        [.. messages.Select(m => new AI.ChatMessage(ToChatRole(m.Role), m.Content))];

    /// <summary>The M.E.AI role of <paramref name="role"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The role is not a defined <see cref="ChatRole"/>.</exception>
    public static AI.ChatRole ToChatRole(ChatRole role) => role switch
    {
        ChatRole.System => AI.ChatRole.System,
        ChatRole.User => AI.ChatRole.User,
        ChatRole.Assistant => AI.ChatRole.Assistant,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a chat role"),
    };
}
