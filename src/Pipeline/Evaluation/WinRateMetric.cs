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

/// <summary>Pairwise win rate of model A against model B under a judge; a tie counts half a win.</summary>
public sealed record WinRateResult
{
    /// <summary>Model A.</summary>
    public required string ModelA { get; init; }

    /// <summary>Model B.</summary>
    public required string ModelB { get; init; }

    /// <summary>The judge's name.</summary>
    public required string Judge { get; init; }

    /// <summary>Pairs judged.</summary>
    public required int Pairs { get; init; }

    /// <summary>Pairs A won.</summary>
    public required int Wins { get; init; }

    /// <summary>Pairs B won.</summary>
    public required int Losses { get; init; }

    /// <summary>Pairs tied (including order disagreements of a model judge).</summary>
    public required int Ties { get; init; }

    /// <summary>(wins + ties / 2) / pairs.</summary>
    public required double WinRate { get; init; }

    /// <summary>
    /// Standard error of <see cref="WinRate"/> over pairs: the win rate is the mean of the pairs' scores (1 a win, ½ a tie,
    /// 0 a loss), so it is the standard error of a mean (<see cref="Evaluation.StandardError.OfMean"/>, sample variance).
    /// </summary>
    public required double StandardError { get; init; }

    /// <summary>Counts verdicts into a result.</summary>
    public static WinRateResult From(string modelA, string modelB, string judge, IReadOnlyList<PairVerdict> verdicts)
    {
        if (verdicts.Count == 0)
            throw new ArgumentException("No pairs were judged.", nameof(verdicts));
        var scores = verdicts.Select(v => v switch { PairVerdict.AWins => 1.0, PairVerdict.BWins => 0.0, _ => 0.5 }).ToList();
        return new WinRateResult
        {
            ModelA = modelA,
            ModelB = modelB,
            Judge = judge,
            Pairs = verdicts.Count,
            Wins = verdicts.Count(v => v == PairVerdict.AWins),
            Losses = verdicts.Count(v => v == PairVerdict.BWins),
            Ties = verdicts.Count(v => v == PairVerdict.Tie),
            WinRate = scores.Average(),
            StandardError = Evaluation.StandardError.OfMean(scores),
        };
    }
}
