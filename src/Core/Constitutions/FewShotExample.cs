namespace Cai.Core.Constitutions;

/// <summary>
/// A worked example for critique/revision prompting: a conversation whose last assistant turn is critiqued
/// and revised. A conversation-only example (no critique, no revision) is plain context, as in llm-swarm's
/// system_chat.
/// </summary>
public sealed record FewShotExample
{
    /// <summary>The conversation, in TRL's conversational format.</summary>
    public required IReadOnlyList<FewShotMessage> Messages { get; init; }

    /// <summary>The principle the critique applies, when the example illustrates one.</summary>
    public string? PrincipleId { get; init; }

    /// <summary>The critique of the last assistant turn.</summary>
    public string? Critique { get; init; }

    /// <summary>The revised last assistant turn.</summary>
    public string? Revision { get; init; }
}
