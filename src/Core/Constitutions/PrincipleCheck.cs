namespace Cai.Core.Constitutions;

/// <summary>
/// A machine check that approximates a principle offline (the "rules" judge): a lexicon, a regular expression
/// or a length limit.
/// </summary>
public abstract record PrincipleCheck
{
    /// <summary>The check's name, used in findings; defaults to the principle id when a file omits it.</summary>
    public required string Name { get; init; }

    /// <summary>The YAML <c>type</c> of the check: "lexicon", "regex" or "max_length".</summary>
    public abstract string Type { get; }

    /// <summary>Evaluates the check on <paramref name="text"/>.</summary>
    public abstract CheckResult Evaluate(string text);
}
