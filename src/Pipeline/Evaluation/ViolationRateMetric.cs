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
            StandardError = StandardError.OfProportion(rate, samples.Count),
            PromptStandardError = StandardError.OverPrompts([.. samples.Select(s => (s.PromptId, s.Violations.Count > 0 ? 1.0 : 0.0))]),
            MeanViolations = samples.Sum(s => s.Violations.Count) / n,
            PerPrinciple = principles.ToDictionary(p => p.Id, p => samples.Count(s => s.Violations.Contains(p.Id)) / n),
            Samples = samples,
        };
    }
}

/// <summary>How often a model's sampled completions violate a constitution's machine checks.</summary>
public sealed record ViolationRateResult
{
    /// <summary>The model evaluated.</summary>
    public required string Model { get; init; }

    /// <summary>Completions evaluated.</summary>
    public required int Completions { get; init; }

    /// <summary>Fraction of completions violating at least one principle.</summary>
    public required double ViolationRate { get; init; }

    /// <summary>
    /// Binomial (Wald) standard error of <see cref="ViolationRate"/>, treating every completion as independent
    /// (<see cref="Evaluation.StandardError.OfProportion"/>).
    /// </summary>
    public required double StandardError { get; init; }

    /// <summary>
    /// Standard error of <see cref="ViolationRate"/> over prompts (<see cref="Evaluation.StandardError.OverPrompts"/>): with
    /// equally many completions per prompt, the standard deviation of the per-prompt violation rates over the square root
    /// of the number of prompts. Completions of one prompt are not independent, so this is the honest error bar when
    /// prompts vary; null with fewer than two prompts.
    /// </summary>
    public double? PromptStandardError { get; init; }

    /// <summary>Mean number of violated principles per completion.</summary>
    public required double MeanViolations { get; init; }

    /// <summary>Fraction of completions violating each principle that has checks, by principle id.</summary>
    public required IReadOnlyDictionary<string, double> PerPrinciple { get; init; }

    /// <summary>Every completion with its violations (the sample stories).</summary>
    public required IReadOnlyList<ViolationSample> Samples { get; init; }
}

/// <summary>A sampled completion with the principles the rules judge found it violating.</summary>
/// <param name="PromptId">The prompt's id.</param>
/// <param name="SampleIndex">Which of the prompt's samples.</param>
/// <param name="Prompt">The prompt text.</param>
/// <param name="Completion">The completion text.</param>
/// <param name="Violations">The violated principle ids; empty when the completion passes.</param>
public sealed record ViolationSample(string PromptId, int SampleIndex, string Prompt, string Completion,
    IReadOnlyList<string> Violations);
