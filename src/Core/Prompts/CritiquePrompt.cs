using Cai.Core.Records;

namespace Cai.Core.Prompts;

/// <summary>
/// The critic's prompt in the HF constitutional-ai recipe style: few-shot turns, the dialogue with the response as
/// the assistant's last turn, then the principle's critique request as a user turn.
/// </summary>
public static class CritiquePrompt
{
    /// <summary>The messages sent to the critic.</summary>
    /// <param name="fewShot">Prior turns from <see cref="FewShotTurns.Render"/>; may be empty.</param>
    /// <param name="conversation">The prompt conversation the response answers.</param>
    /// <param name="response">The assistant response being critiqued.</param>
    /// <param name="critiqueRequest">The principle's critique request.</param>
    public static IReadOnlyList<Message> Render(
        IReadOnlyList<Message> fewShot, IReadOnlyList<Message> conversation, string response, string critiqueRequest)
    {
        ArgumentNullException.ThrowIfNull(fewShot);
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(critiqueRequest);
        return [.. fewShot, .. conversation, Message.Assistant(response), Message.User(critiqueRequest)];
    }
}
