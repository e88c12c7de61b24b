namespace Cai.Core.Constitutions;

/// <summary>One turn of a few-shot conversation.</summary>
/// <param name="Role">"system", "user" or "assistant".</param>
/// <param name="Content">The text of the turn.</param>
public sealed record FewShotMessage(string Role, string Content)
{
    /// <summary>The roles a message may have.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["system", "user", "assistant"];
}
