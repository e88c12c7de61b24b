using Cai.Core.Choices;
using Cai.Core.Records;

namespace Cai.Models.Chat;

/// <summary>One message of a conversation in TRL's conversational format.</summary>
/// <param name="Role">system, user or assistant.</param>
/// <param name="Content">The message text.</param>
public sealed record ChatTurn(string Role, string Content)
{
    /// <summary>The system role.</summary>
    public const string SystemRole = "system";

    /// <summary>The user role.</summary>
    public const string UserRole = "user";

    /// <summary>The assistant role.</summary>
    public const string AssistantRole = "assistant";

    /// <summary>Whether <paramref name="role"/> is one of the three roles a chat format renders.</summary>
    public static bool IsRole(string? role) => role is SystemRole or UserRole or AssistantRole;

    /// <summary>The turn of a pipeline <see cref="Message"/>.</summary>
    public static ChatTurn From(Message message) => new(Choice<ChatRole>.Name(message.Role), message.Content);

    /// <summary>A system message.</summary>
    public static ChatTurn System(string content) => new(SystemRole, content);

    /// <summary>A user message.</summary>
    public static ChatTurn User(string content) => new(UserRole, content);

    /// <summary>An assistant message.</summary>
    public static ChatTurn Assistant(string content) => new(AssistantRole, content);
}
