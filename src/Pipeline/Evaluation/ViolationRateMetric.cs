using Cai.Core.Constitutions;
using Cai.Models;

namespace Cai.Pipeline.Evaluation;

/// <summary>
/// The constitution violation rate of a model under the rules judge: k completions are sampled per prompt and
/// every principle's machine checks are evaluated on each (the harm measure the CAI paper tracks across revisions).
/// </summary>
public sealed class ViolationRateMetric(Constitution constitution)
{
    /// <summary>Samples completions from <paramref name="model"/> and scores them.</summary>
    public ViolationRateResult Evaluate(LocalModel model, IReadOnlyList<EvalPrompt> prompts, EvalSamplingOptions options) =>
        Score(model.Id, CompletionSampler.Sample(model, prompts, options));

    /// <summary>Scores completions that were already sampled.</summary>
    /// <exception cref="ArgumentException">There are no completions, or the constitution has no machine checks.</exception>
    public ViolationRateResult Score(string modelId, IReadOnlyList<EvalCompletion> completions)
    {
        if (completions.Count == 0)
            throw new ArgumentException("No completions to evaluate.", nameof(completions));
        var principles = RulesVerdict.CheckedPrinciples(constitution);
        if (principles.Count == 0)
            throw new ArgumentException(
                $"Constitution '{constitution.Name}' has no principle with machine checks; the rules judge cannot score it.");
        var samples = completions
            .Select(c => new ViolationSample(c.PromptId, c.SampleIndex, c.Prompt, c.Text, RulesVerdict.Violations(constitution, c.Text)))
            .ToList();
        var n = (double)samples.Count;
        var rate = samples.Count(s => s.Violations.Count > 0) / n;
        return new ViolationRateResult
        {
            Model = modelId,
            Completions = samples.Count,
            ViolationRate = rate,
            StandardError = Math.Sqrt(rate * (1 - rate) / n),
            PromptStandardError = PromptStandardError(samples),
            MeanViolations = samples.Sum(s => s.Violations.Count) / n,
            PerPrinciple = principles.ToDictionary(p => p.Id, p => samples.Count(s => s.Violations.Contains(p.Id)) / n),
            Samples = samples,
        };
    }

    // The cluster (prompt) standard error of a mean of per-prompt means, each prompt weighted by its completions.
    static double? PromptStandardError(IReadOnlyList<ViolationSample> samples)
    {
        var prompts = samples.GroupBy(s => s.PromptId).Select(g => (Count: g.Count(), Violating: g.Count(s => s.Violations.Count > 0))).ToList();
        if (prompts.Count < 2)
            return null;
        var n = (double)samples.Count;
        var rate = prompts.Sum(p => p.Violating) / n;
        // Ratio-estimator variance: sum over prompts of (violating_p - rate * count_p)^2, scaled by P / (P - 1) / n^2.
        var sum = prompts.Sum(p => Math.Pow(p.Violating - rate * p.Count, 2));
        return Math.Sqrt(sum * prompts.Count / (prompts.Count - 1)) / n;
    }
}
