using Cai.Pipeline.Judging;
using Cai.Train.Online.Rewards;
using Microsoft.Extensions.AI;

namespace Cai.Cli.Composition;

/// <summary>
/// The AI judge behind Train's reward seam (composed here so that Train stays free of LLM SDKs): each response's score
/// is the judge's pointwise rating (<see cref="AiJudge.ScoreAsync"/>: the principle's question, the expected rating over
/// the first token's probabilities), for RLOO, GRPO, PPO and online DPO. Answers are cached on disk, so a resumed run
/// does not ask again. A failed judgement is never scored 0: the batch fails with the reasons (recorded in the cache's
/// failed file), training stops after its last checkpoint, and a rerun with <c>--resume</c> asks only what failed.
/// </summary>
internal sealed class JudgeRewardSource(AiJudge judge, JudgeCache cache, IChatClient client) : JudgeRewardSourceBase(judge, cache, client)
{
    /// <inheritdoc />
    public override string Name => $"judge:{Judge.Model}";

    /// <inheritdoc />
    public override async Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken = default)
    {
        var scores = await Judge.ScoreAsync([.. batch.Select(q => (q.Prompt[^1].Content, q.Response))], cancellationToken).ConfigureAwait(false);
        ThrowIfAnyFailed([.. scores.Where(s => !s.Succeeded).Select(s => s.Failure)], scores.Count, "responses");
        return [.. scores.Select(s => s.Score!.Value)];
    }
}
