using Cai.Core.Constitutions;
using Cai.Pipeline.Evaluation;

namespace Cai.Pipeline.Tests.Evaluation;

[Collection(EvaluationTorchCollection.Name)]
public sealed class ViolationRateMetricTests
{
    static readonly EvalSamplingOptions Small = new() { SamplesPerPrompt = 3, MaxTokens = 48, Seed = 7 };

    [Fact]
    public void Evaluate_Stories260K_RateMatchesReEvaluatingTheSamples()
    {
        using var model = EvalFixtures.LoadModel();
        var constitution = EvalFixtures.KindStories();

        var result = new ViolationRateMetric(constitution).Evaluate(model, EvalFixtures.TwoPrompts(), Small);

        Assert.Equal(6, result.Completions);
        Assert.InRange(result.ViolationRate, 0, 1);
        var violated = result.Samples.Select(s => constitution.Principles.Where(p => p.Evaluate(s.Completion).Violated)
            .Select(p => p.Id).ToList()).ToList();
        Assert.Equal(violated.Count(v => v.Count > 0) / 6.0, result.ViolationRate, 12);
        Assert.Equal(violated.Sum(v => v.Count) / 6.0, result.MeanViolations, 12);
        foreach (var (id, rate) in result.PerPrinciple)
            Assert.Equal(violated.Count(v => v.Contains(id)) / 6.0, rate, 12);
        Assert.All(result.Samples, s => Assert.False(string.IsNullOrEmpty(s.Completion)));
    }

    [Fact]
    public void Evaluate_SameSeedTwice_SameSamples()
    {
        using var model = EvalFixtures.LoadModel();
        var metric = new ViolationRateMetric(EvalFixtures.KindStories());

        var first = metric.Evaluate(model, EvalFixtures.TwoPrompts(), Small);
        var second = metric.Evaluate(model, EvalFixtures.TwoPrompts(), Small);
        var other = metric.Evaluate(model, EvalFixtures.TwoPrompts(), Small with { Seed = 8 });

        Assert.Equal(first.Samples.Select(s => s.Completion), second.Samples.Select(s => s.Completion));
        Assert.NotEqual(first.Samples.Select(s => s.Completion), other.Samples.Select(s => s.Completion));
    }

    [Fact]
    public void Score_HandWrittenStories_CountsPerPrincipleAndMean()
    {
        EvalCompletion[] completions =
        [
            new("p", "", 0, "The boys hit each other and fought."),
            new("p", "", 1, "They shared a cake and smiled."),
            new("p", "", 2, "A scary monster came to hit the cat."),
        ];

        var result = new ViolationRateMetric(EvalFixtures.KindStories()).Score("hand", completions);

        Assert.Equal(2 / 3.0, result.ViolationRate, 12);
        Assert.Equal(1.0, result.MeanViolations, 12);
        Assert.Equal(2 / 3.0, result.PerPrinciple["no-violence"], 12);
        Assert.Equal(1 / 3.0, result.PerPrinciple["not-frightening"], 12);
        Assert.Equal(0.0, result.PerPrinciple["kind-characters"], 12);
        Assert.Equal(["no-violence", "not-frightening"], result.Samples[2].Violations);
        Assert.Equal(Math.Sqrt(2 / 9.0 / 3), result.StandardError, 12);
        Assert.Null(result.PromptStandardError); // one prompt: no spread over prompts to measure
    }

    [Fact]
    public void Score_CorrelatedWithinPrompts_PromptStandardErrorIsTheSpreadOfPromptRates()
    {
        // Prompt a: every story violates; b: none; c: half. Rate 0.5 over 12 stories, binomial se sqrt(.25/12) = 0.144;
        // per-prompt rates 1, 0, 0.5 have sd 0.5 over 3 prompts, so se = 0.5 / sqrt(3) = 0.289.
        const string bad = "The monster hit the cat.", good = "They shared a cake.";
        EvalCompletion[] completions =
        [
            .. Enumerable.Range(0, 4).Select(i => new EvalCompletion("a", "", i, bad)),
            .. Enumerable.Range(0, 4).Select(i => new EvalCompletion("b", "", i, good)),
            .. Enumerable.Range(0, 4).Select(i => new EvalCompletion("c", "", i, i < 2 ? bad : good)),
        ];

        var result = new ViolationRateMetric(EvalFixtures.KindStories()).Score("hand", completions);

        Assert.Equal(0.5, result.ViolationRate, 12);
        Assert.Equal(Math.Sqrt(0.25 / 12), result.StandardError, 12);
        Assert.Equal(0.5 / Math.Sqrt(3), result.PromptStandardError!.Value, 12);
    }

    [Fact]
    public void Score_ConstitutionWithoutChecks_ThrowsNamingIt()
    {
        var constitution = new Constitution
        {
            Name = "no-checks",
            Principles = [new Principle { Id = "p", Critique = "c", Revision = "r", Comparison = "q" }],
        };

        var ex = Assert.Throws<ArgumentException>(() =>
            new ViolationRateMetric(constitution).Score("m", [new EvalCompletion("p", "", 0, "text")]));

        Assert.Contains("no-checks", ex.Message);
    }
}
