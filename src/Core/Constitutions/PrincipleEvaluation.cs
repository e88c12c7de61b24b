namespace Cai.Core.Constitutions;

/// <summary>The results of all checks of one principle on one text.</summary>
/// <param name="PrincipleId">The principle evaluated.</param>
/// <param name="Results">One result per check, in the principle's order.</param>
public sealed record PrincipleEvaluation(string PrincipleId, IReadOnlyList<CheckResult> Results)
{
    /// <summary>True when at least one check is violated.</summary>
    public bool Violated => Results.Any(r => r.Violated);

    /// <summary>The findings of the violated checks, one per line; empty when nothing is violated.</summary>
    public string Findings => string.Join('\n', Results.Where(r => r.Violated).Select(r => r.Finding));
}
