using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Models;

namespace Cai.Pipeline.Evaluation;

/// <summary>
/// Pairwise win rate of model A against model B: both answer every prompt k times with the same sampling options
/// and seed, and the judge compares the answers sample by sample.
/// </summary>
public sealed class WinRateMetric(IPairwiseJudge judge)
{
    /// <summary>Samples from both models and judges each pair.</summary>
    public Task<WinRateResult> EvaluateAsync(LocalModel a, LocalModel b, IReadOnlyList<EvalPrompt> prompts,
        EvalSamplingOptions options, CancellationToken cancellationToken = default) =>
        JudgeAsync(a.Id, CompletionSampler.Sample(a, prompts, options), b.Id, CompletionSampler.Sample(b, prompts, options),
            cancellationToken);

    /// <summary>Judges completions already sampled; the two lists pair up by position.</summary>
    /// <exception cref="ArgumentException">The lists differ in length or their prompts do not line up.</exception>
    public async Task<WinRateResult> JudgeAsync(string modelA, IReadOnlyList<EvalCompletion> a, string modelB,
        IReadOnlyList<EvalCompletion> b, CancellationToken cancellationToken = default)
    {
        if (a.Count != b.Count)
            throw new ArgumentException($"Model A has {a.Count} completions but model B {b.Count}.", nameof(b));
        var verdicts = new List<PairVerdict>(a.Count);
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].PromptId != b[i].PromptId)
                throw new ArgumentException($"Completion {i}: prompt '{a[i].PromptId}' of A differs from '{b[i].PromptId}' of B.", nameof(b));
            var preference = await judge.CompareAsync([Message.User(a[i].Prompt)], a[i].Text, b[i].Text, null, cancellationToken).ConfigureAwait(false);
            verdicts.Add(preference.Verdict);
        }
        return WinRateResult.From(modelA, modelB, judge.Name, verdicts);
    }
}
