using Cai.Core.Constitutions;
using Cai.Core.Records;

namespace Cai.Core.Judging;

/// <summary>
/// The offline <c>rules</c> judge: the answer that violates fewer machine checks wins (probability 1 or 0, the same in
/// both orders); equal counts give 0.5, a tie, which feedback's confidence threshold drops. Under a principle it counts
/// that principle's violated checks; without one, the constitution's principles whose checks are violated.
/// </summary>
/// <param name="constitution">The constitution judged against when no principle is given.</param>
public sealed class RulesPairwiseJudge(Constitution constitution) : IPairwiseJudge
{
    /// <inheritdoc />
    public string Name => "rules";

    /// <inheritdoc />
    public Task<PairPreference> CompareAsync(IReadOnlyList<Message> conversation, string first, string second, Principle? principle,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (a, b) = (Violations(first), Violations(second));
        return Task.FromResult(PairPreference.Unordered(a < b ? 1.0 : a > b ? 0.0 : 0.5));

        int Violations(string text) => principle is null
            ? constitution.Principles.Count(p => p.Checks.Count > 0 && p.Evaluate(text).Violated)
            : principle.Evaluate(text).Results.Count(r => r.Violated);
    }
}
