using Cai.Core.Records;
using Cai.Pipeline.Judging;
using Cai.Train.Online.Rewards;
using Microsoft.Extensions.AI;

namespace Cai.Cli.Composition;

/// <summary>
/// What the AI judge's reward sources (<see cref="JudgeRewardSource"/>, pointwise; <see cref="PairwiseJudgeRewardSource"/>,
/// pairwise) share: the judge, the on-disk cache of its answers and the chat client they own and dispose, and the rule
/// that a failed judgement is never scored: the batch fails with the reasons, recorded in the cache's failed file.
/// </summary>
internal abstract class JudgeRewardSourceBase(AiJudge judge, JudgeCache cache, IChatClient client) : IRewardSource, IAsyncDisposable
{
    /// <summary>The judge asked.</summary>
    protected AiJudge Judge => judge;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken = default);

    /// <summary>Throws when any judgement of the batch failed (see <see cref="JudgeFailedException.ThrowIfAny"/>).</summary>
    /// <param name="failures">One entry per failed judgement.</param>
    /// <param name="count">Judgements asked for in the batch.</param>
    /// <param name="unit">What was judged (<c>responses</c>, <c>pairs</c>).</param>
    protected void ThrowIfAnyFailed(IReadOnlyList<FailureRecord?> failures, int count, string unit) =>
        JudgeFailedException.ThrowIfAny(judge.Model, failures, count, unit, cache.FailedPath);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await cache.DisposeAsync().ConfigureAwait(false);
        client.Dispose();
    }
}
