using Cai.Core.Records;
using AI = Microsoft.Extensions.AI;

namespace Cai.Pipeline.Generate;

/// <summary>Converts cai's record messages to Microsoft.Extensions.AI chat messages.</summary>
public static class ChatMessages
{
    /// <summary>The conversation as <see cref="AI.ChatMessage"/>s, in order.</summary>
    public static List<AI.ChatMessage> ToChat(IEnumerable<Message> messages) =>
        [.. messages.Select(m => new AI.ChatMessage(ToRole(m.Role), m.Content))];

    static AI.ChatRole ToRole(ChatRole role) => role switch
    {
        ChatRole.System => AI.ChatRole.System,
        ChatRole.Assistant => AI.ChatRole.Assistant,
        _ => AI.ChatRole.User,
    };
}
