using Cai.Pipeline.Judging;
using Cai.Train.Online.Rewards;
using Microsoft.Extensions.AI;

namespace Cai.Cli.Composition;

/// <summary>
/// The pairwise AI judge behind online DPO's reward seam (TRL's OnlineDPOTrainer with a pairwise judge; Guo et al. 2024):
/// online DPO samples two completions per prompt, half-major (rows 0 … N − 1 first completions, N … 2N − 1 second), and
/// the feedback model is asked the principle's comparison question about each pair in both orders, P(first better)
/// read from the option letters' log-probs (<see cref="AiJudge.CompareAsync"/>, which asks through the pipeline's
/// feedback labeller). The first completion scores P and the second 1 − P, so the trainer's pick by score is the
/// judge's pick (ties go to the first). Answers are cached on disk by (judge, question, prompt, pair); a failed
/// comparison is never scored: the batch fails with the reasons, recorded in the cache's failed file.
/// </summary>
internal sealed class PairwiseJudgeRewardSource(AiJudge judge, JudgeCache cache, IChatClient client) : JudgeRewardSourceBase(judge, cache, client)
{
    /// <inheritdoc />
    public override string Name => $"pairwise-judge:{Judge.Model}";

    /// <inheritdoc />
    public override async Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken = default)
    {
        var n = batch.Count / 2;
        if (batch.Count % 2 != 0 || Enumerable.Range(0, n).Any(i => batch[i].PromptId != batch[i + n].PromptId))
            throw new InvalidOperationException($"{Name} compares online DPO's two completions per prompt (half-major rows); got {batch.Count} rows not in that order");
        var verdicts = await Judge.CompareAsync([.. Enumerable.Range(0, n).Select(i => (batch[i].Prompt[^1].Content, batch[i].Response, batch[i + n].Response))],
            cancellationToken).ConfigureAwait(false);
        ThrowIfAnyFailed([.. verdicts.Where(v => !v.Succeeded).Select(v => v.Failure)], verdicts.Count, "pairs");
        return [.. verdicts.Select(v => v.ProbabilityFirstBetter!.Value), .. verdicts.Select(v => 1 - v.ProbabilityFirstBetter!.Value)];
    }
}
