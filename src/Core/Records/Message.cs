namespace Cai.Core.Records;

/// <summary>One turn of a conversation: <c>{"role": "system|user|assistant", "content": "..."}</c>.</summary>
/// <param name="Role">Who speaks; any other role is rejected when read.</param>
/// <param name="Content">The text of the turn.</param>
public sealed record Message(ChatRole Role, string Content)
{
    /// <summary>A system message.</summary>
    public static Message System(string content) => new(ChatRole.System, content);

    /// <summary>A user message.</summary>
    public static Message User(string content) => new(ChatRole.User, content);

    /// <summary>An assistant message.</summary>
    public static Message Assistant(string content) => new(ChatRole.Assistant, content);
}
