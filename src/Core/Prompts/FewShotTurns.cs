using Cai.Core.Choices;
using Cai.Core.Constitutions;
using Cai.Core.Records;

namespace Cai.Core.Prompts;

/// <summary>
/// Renders a constitution's few-shot examples as prior chat turns, the way the HF constitutional-ai recipe
/// (llm-swarm's <c>system_chat</c>) puts them before the real conversation: the example's conversation, then its
/// critique request and critique, then its revision request and revision, each as user/assistant turns.
/// </summary>
public static class FewShotTurns
{
    /// <summary>The prior turns of every few-shot example of <paramref name="constitution"/>, in file order.</summary>
    /// <exception cref="ArgumentException">An example names a principle the constitution does not have.</exception>
    public static IReadOnlyList<Message> Render(Constitution constitution)
    {
        ArgumentNullException.ThrowIfNull(constitution);
        var turns = new List<Message>();
        for (var i = 0; i < constitution.FewShot.Count; i++)
        {
            var example = constitution.FewShot[i];
            turns.AddRange(example.Messages.Select((m, j) => new Message(Role(m.Role, i, j), m.Content)));
            if (example.PrincipleId is not { } id || example.Critique is not { } critique)
                continue; // a conversation-only example is plain context
            var principle = constitution.Principles.FirstOrDefault(p => p.Id == id)
                ?? throw new ArgumentException(
                    $"Constitution '{constitution.Name}', few_shot[{i}].principle_id: no principle '{id}'.", nameof(constitution));
            turns.Add(Message.User(principle.Critique));
            turns.Add(Message.Assistant(critique));
            if (example.Revision is { } revision)
            {
                turns.Add(Message.User(principle.Revision));
                turns.Add(Message.Assistant(revision));
            }
        }
        return turns;
    }

    static ChatRole Role(string role, int example, int message) => Choice<ChatRole>.Parse(role)
        ?? throw new ArgumentException($"few_shot[{example}].messages[{message}].role: must be system, user or assistant, got '{role}'.");
}
