using Cai.Core.Constitutions;

namespace Cai.Pipeline.Evaluation;

/// <summary>The rules judge: the response violating fewer principles' machine checks wins; equal counts tie.</summary>
public sealed class RulesPairwiseJudge(Constitution constitution) : IPairwiseJudge
{
    /// <inheritdoc />
    public string Name => "rules";

    /// <inheritdoc />
    public Task<PairVerdict> CompareAsync(string prompt, string a, string b, CancellationToken cancellationToken = default)
    {
        var (va, vb) = (RulesVerdict.Violations(constitution, a).Count, RulesVerdict.Violations(constitution, b).Count);
        return Task.FromResult(va < vb ? PairVerdict.AWins : vb < va ? PairVerdict.BWins : PairVerdict.Tie);
    }
}
