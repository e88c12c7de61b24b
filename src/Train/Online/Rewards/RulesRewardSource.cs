using Cai.Core.Constitutions;

namespace Cai.Train.Online.Rewards;

/// <summary>
/// The constitution's machine checks as a reward: minus the number of principles whose checks the response violates
/// (the same evaluation as the offline <c>rules</c> critic and judge). Principles without checks never count.
/// </summary>
public sealed class RulesRewardSource(Constitution constitution) : IRewardSource
{
    /// <inheritdoc />
    public string Name => $"rules:{constitution.Name}";

    /// <summary>The score of one response: −(principles violated).</summary>
    public double Score(string response) => -constitution.Principles.Count(p => p.Checks.Count > 0 && p.Evaluate(response).Violated);

    /// <inheritdoc />
    public Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<double>>(batch.Select(q => Score(q.Response)).ToArray());
    }
}
