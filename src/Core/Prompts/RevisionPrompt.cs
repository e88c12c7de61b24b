using Cai.Core.Records;

namespace Cai.Core.Prompts;

/// <summary>
/// The reviser's prompt: the critique exchange of <see cref="CritiquePrompt"/>, the critique as the assistant's
/// turn, then the principle's revision request as a user turn (Bai et al. 2022, section 3.1).
/// </summary>
public static class RevisionPrompt
{
    /// <summary>The messages sent to the reviser.</summary>
    /// <param name="fewShot">Prior turns from <see cref="FewShotTurns.Render"/>; may be empty.</param>
    /// <param name="conversation">The prompt conversation the response answers.</param>
    /// <param name="response">The assistant response being revised.</param>
    /// <param name="critiqueRequest">The critique request that was sent.</param>
    /// <param name="critique">The critic's critique.</param>
    /// <param name="revisionRequest">The principle's revision request.</param>
    public static IReadOnlyList<Message> Render(
        IReadOnlyList<Message> fewShot, IReadOnlyList<Message> conversation, string response,
        string critiqueRequest, string critique, string revisionRequest)
    {
        ArgumentNullException.ThrowIfNull(critique);
        ArgumentNullException.ThrowIfNull(revisionRequest);
        return [.. CritiquePrompt.Render(fewShot, conversation, response, critiqueRequest),
            Message.Assistant(critique), Message.User(revisionRequest)];
    }
}
