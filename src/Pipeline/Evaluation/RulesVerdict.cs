using Cai.Core.Constitutions;

namespace Cai.Pipeline.Evaluation;

/// <summary>The rules judge's verdict on one text: which principles' machine checks it violates.</summary>
public static class RulesVerdict
{
    /// <summary>The principles of <paramref name="constitution"/> that have checks.</summary>
    public static IReadOnlyList<Principle> CheckedPrinciples(Constitution constitution) =>
        [.. constitution.Principles.Where(p => p.Checks.Count > 0)];

    /// <summary>The ids of the principles whose checks <paramref name="text"/> violates, in constitution order.</summary>
    public static IReadOnlyList<string> Violations(Constitution constitution, string text) =>
        [.. constitution.Principles.Where(p => p.Checks.Count > 0 && p.Evaluate(text).Violated).Select(p => p.Id)];
}
