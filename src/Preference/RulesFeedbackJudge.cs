using Cai.Core.Constitutions;
using Cai.Core.Records;

namespace Cai.Preference;

/// <summary>
/// The offline <c>rules</c> feedback judge: the answer that violates fewer of the principle's machine checks wins
/// (probability 1 or 0); equal counts, or a principle without checks, give 0.5, which the confidence threshold drops.
/// </summary>
public sealed class RulesFeedbackJudge : IFeedbackJudge
{
    /// <inheritdoc />
    public string Model => "rules";

    /// <inheritdoc />
    public Task<double> ProbabilityFirstBetterAsync(
        IReadOnlyList<Message> conversation, string first, string second, Principle principle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principle);
        cancellationToken.ThrowIfCancellationRequested();
        var a = Violations(principle, first);
        var b = Violations(principle, second);
        return Task.FromResult(a < b ? 1.0 : a > b ? 0.0 : 0.5);
    }

    static int Violations(Principle principle, string text) => principle.Evaluate(text).Results.Count(r => r.Violated);
}
