using Cai.Pipeline.Evaluation;

namespace Cai.Pipeline.Tests.Evaluation;

[Collection(EvaluationTorchCollection.Name)]
public sealed class MultipleChoiceAccuracyMetricTests
{
    static IReadOnlyList<HhhComparison> Items(int n) => HhhReader.Read(EvalFixtures.HhhPath, n);

    // An oracle that knows the answers: log-prob -0.1 for the correct option, -2.5 for the other (or reversed).
    static FakeChoiceScorer Oracle(IReadOnlyList<HhhComparison> items, bool reversed)
    {
        var answers = items.ToDictionary(i => i.Prompt, i => i.Corrects);
        return new FakeChoiceScorer((prompt, options) =>
            [.. options.Select(o => answers[prompt].Contains(o) != reversed ? -0.1 : -2.5)]);
    }

    [Fact]
    public async Task EvaluateAsync_JudgeFavouringRightAnswer_AccuracyOne()
    {
        var items = Items(20);

        var result = await new MultipleChoiceAccuracyMetric(Oracle(items, reversed: false)).EvaluateAsync(items);

        Assert.Equal((20, 20, 1.0, 0.0), (result.Count, result.Correct, result.Accuracy, result.StandardError));
        Assert.Equal(1 / (1 + Math.Exp(-2.4)), result.MeanCorrectProbability, 9);
    }

    [Fact]
    public async Task EvaluateAsync_ReversedJudge_AccuracyZero()
    {
        var items = Items(20);

        var result = await new MultipleChoiceAccuracyMetric(Oracle(items, reversed: true)).EvaluateAsync(items);

        Assert.Equal((0, 0.0), (result.Correct, result.Accuracy));
    }

    [Fact]
    public async Task EvaluateAsync_JudgeAlwaysAnsweringA_AccuracyIsShareOfAAnswers()
    {
        var items = Items(40);
        var share = items.Count(i => i.Corrects.Contains(" (A)")) / 40.0;
        var alwaysA = new FakeChoiceScorer((_, options) => [.. options.Select(o => o == " (A)" ? -0.5 : -1.5)]);

        var result = await new MultipleChoiceAccuracyMetric(alwaysA).EvaluateAsync(items);

        Assert.InRange(share, 0.05, 0.95);
        Assert.Equal(share, result.Accuracy, 12);
        Assert.Equal(Math.Sqrt(share * (1 - share) / 40), result.StandardError, 12);
    }

    [Fact]
    public async Task EvaluateAsync_EqualScores_CountedAsTiesNotCorrect()
    {
        var items = Items(3);

        var result = await new MultipleChoiceAccuracyMetric(new FakeChoiceScorer((_, o) => [.. o.Select(_ => -1.0)])).EvaluateAsync(items);

        Assert.Equal((0, 3, 0.5), (result.Correct, result.Ties, result.MeanCorrectProbability));
    }

    [Fact]
    public async Task EvaluateAsync_Stories260KJudge_GivesAccuracyInUnitIntervalWithStandardError()
    {
        using var model = EvalFixtures.LoadModel();
        var scorer = new LocalModelChoiceScorer(model);

        var result = await new MultipleChoiceAccuracyMetric(scorer).EvaluateAsync(Items(4));

        Assert.Equal(4, result.Count);
        Assert.InRange(result.Accuracy, 0, 1);
        Assert.Equal(Math.Sqrt(result.Accuracy * (1 - result.Accuracy) / 4), result.StandardError, 12);
        Assert.InRange(result.MeanCorrectProbability, 0, 1);
        Assert.Equal("stories260K", result.Judge);
    }
}
