using Cai.Core.Records;
using Cai.Pipeline.Judging;
using Cai.Train.Online.Rewards;
using Microsoft.Extensions.AI;

namespace Cai.Cli.Composition;

/// <summary>
/// The AI judge behind Train's reward seam (composed here so that Train stays free of LLM SDKs), in one of two ways.
/// <list type="bullet">
/// <item><b>Pointwise</b> (<c>judge:</c>, for RLOO, GRPO, PPO and online DPO): each response's score is the judge's
/// rating (<see cref="AiJudge.ScoreAsync"/>: the principle's question, the expected rating over the first token's
/// probabilities).</item>
/// <item><b>Pairwise</b> (<c>pairwise-judge:</c>, online DPO alone; TRL's OnlineDPOTrainer with a pairwise judge, Guo
/// et al. 2024): online DPO samples two completions per prompt, half-major (rows 0 … N − 1 first completions, N … 2N − 1
/// second), and the feedback model is asked the principle's comparison question about each pair in both orders,
/// P(first better) read from the option letters' log-probs (<see cref="AiJudge.CompareAsync"/>, which asks through the
/// pipeline's feedback labeller). The first completion scores P and the second 1 − P, so the trainer's pick by score is
/// the judge's pick (ties go to the first).</item>
/// </list>
/// Answers are cached on disk (by judge, question, prompt and response or pair), so a resumed run does not ask again.
/// A failed judgement is never scored 0: the batch fails with the reasons (recorded in the cache's failed file),
/// training stops after its last checkpoint, and a rerun with <c>--resume</c> asks only what failed. The source owns
/// the cache and the chat client and disposes them.
/// </summary>
internal sealed class JudgeRewardSource(AiJudge judge, JudgeCache cache, IChatClient client, bool pairwise) : IRewardSource, IAsyncDisposable
{
    /// <inheritdoc />
    public string Name => $"{(pairwise ? "pairwise-judge" : "judge")}:{judge.Model}";

    /// <inheritdoc />
    public Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken = default) =>
        pairwise ? CompareAsync(batch, cancellationToken) : RateAsync(batch, cancellationToken);

    async Task<IReadOnlyList<double>> RateAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken)
    {
        var scores = await judge.ScoreAsync([.. batch.Select(q => (q.Prompt[^1].Content, q.Response))], cancellationToken).ConfigureAwait(false);
        ThrowIfAnyFailed([.. scores.Where(s => !s.Succeeded).Select(s => s.Failure)], scores.Count, "responses");
        return [.. scores.Select(s => s.Score!.Value)];
    }

    async Task<IReadOnlyList<double>> CompareAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken)
    {
        var n = batch.Count / 2;
        if (batch.Count % 2 != 0 || Enumerable.Range(0, n).Any(i => batch[i].PromptId != batch[i + n].PromptId))
            throw new InvalidOperationException($"{Name} compares online DPO's two completions per prompt (half-major rows); got {batch.Count} rows not in that order");
        var verdicts = await judge.CompareAsync([.. Enumerable.Range(0, n).Select(i => (batch[i].Prompt[^1].Content, batch[i].Response, batch[i + n].Response))],
            cancellationToken).ConfigureAwait(false);
        ThrowIfAnyFailed([.. verdicts.Where(v => !v.Succeeded).Select(v => v.Failure)], verdicts.Count, "pairs");
        return [.. verdicts.Select(v => v.ProbabilityFirstBetter!.Value), .. verdicts.Select(v => 1 - v.ProbabilityFirstBetter!.Value)];
    }

    void ThrowIfAnyFailed(IReadOnlyList<FailureRecord?> failures, int count, string unit) =>
        JudgeFailedException.ThrowIfAny(judge.Model, failures, count, unit, cache.FailedPath);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await cache.DisposeAsync().ConfigureAwait(false);
        client.Dispose();
    }
}
