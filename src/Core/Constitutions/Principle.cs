namespace Cai.Core.Constitutions;

/// <summary>
/// One principle: the requests a critic model receives for critique and revision, the question used for
/// AI-feedback comparison, and optional machine checks the rules judge can evaluate offline.
/// </summary>
public sealed record Principle
{
    /// <summary>A stable id, unique within its constitution, e.g. "no-violence".</summary>
    public required string Id { get; init; }

    /// <summary>The critique request, e.g. "Point out anything in the story that could frighten a young child."</summary>
    public required string Critique { get; init; }

    /// <summary>The revision request that follows the critique.</summary>
    public required string Revision { get; init; }

    /// <summary>A multiple-choice question for AI-feedback labelling, e.g. "Which story is kinder to its characters?"</summary>
    public required string Comparison { get; init; }

    /// <summary>The relative probability of sampling this principle.</summary>
    /// <value>The default value is 1.0.</value>
    public double Weight { get; init; } = 1.0;

    /// <summary>Free-form labels, e.g. "safety".</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Machine checks that approximate the principle offline.</summary>
    public IReadOnlyList<PrincipleCheck> Checks { get; init; } = [];

    /// <summary>Runs every check of the principle against <paramref name="text"/>.</summary>
    public PrincipleEvaluation Evaluate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new PrincipleEvaluation(Id, [.. Checks.Select(c => c.Evaluate(text))]);
    }
}
