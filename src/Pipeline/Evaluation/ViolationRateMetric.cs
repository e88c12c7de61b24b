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
            PromptStandardError = PromptClusters.StandardErrorOfMean([.. samples.Select(s => (s.PromptId, s.Violations.Count > 0 ? 1.0 : 0.0))]),
            MeanViolations = samples.Sum(s => s.Violations.Count) / n,
            PerPrinciple = principles.ToDictionary(p => p.Id, p => samples.Count(s => s.Violations.Contains(p.Id)) / n),
            Samples = samples,
        };
    }
}
