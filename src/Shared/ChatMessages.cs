using Cai.Core.Records;
using AI = Microsoft.Extensions.AI;

namespace Cai.Shared;

/// <summary>
/// Maps cai messages to Microsoft.Extensions.AI chat messages. One source file compiled into each stage project
/// (Critique, Revise, Preference link it): they may not reference one another, and Core stays free of M.E.AI.
/// </summary>
static class ChatMessages
{
    public static List<AI.ChatMessage> From(IReadOnlyList<Message> messages) =>
        [.. messages.Select(m => new AI.ChatMessage(Role(m.Role), m.Content))];

    static AI.ChatRole Role(ChatRole role) => role switch
    {
        ChatRole.System => AI.ChatRole.System,
        ChatRole.User => AI.ChatRole.User,
        _ => AI.ChatRole.Assistant,
    };
}
