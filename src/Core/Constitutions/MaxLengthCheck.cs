namespace Cai.Core.Constitutions;

/// <summary>
/// A length limit in characters and/or words (words are runs of non-whitespace). At least one limit is set in a
/// loaded constitution.
/// </summary>
public sealed record MaxLengthCheck : PrincipleCheck
{
    /// <summary>The most characters allowed; null for no character limit.</summary>
    public int? MaxChars { get; init; }

    /// <summary>The most words allowed; null for no word limit.</summary>
    public int? MaxWords { get; init; }

    /// <inheritdoc/>
    public override string Type => "max_length";

    /// <inheritdoc/>
    public override CheckResult Evaluate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var problems = new List<string>();
        if (MaxChars is { } c && text.Length > c) problems.Add($"{text.Length} chars > {c}");
        if (MaxWords is { } w && words > w) problems.Add($"{words} words > {w}");
        return problems.Count == 0
            ? new CheckResult(Name, false, $"max_length '{Name}' ok: {text.Length} chars, {words} words")
            : new CheckResult(Name, true, $"max_length '{Name}' exceeded: {string.Join(", ", problems)}");
    }
}
