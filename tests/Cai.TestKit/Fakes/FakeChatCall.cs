using Microsoft.Extensions.AI;

namespace Cai.TestKit.Fakes;

/// <summary>One call recorded by <see cref="FakeChatClient"/>.</summary>
/// <param name="Messages">The messages sent.</param>
/// <param name="Options">The options sent.</param>
public sealed record FakeChatCall(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)
{
    /// <summary>The text of the last message (usually the request).</summary>
    public string LastText => Messages[^1].Text;
}
