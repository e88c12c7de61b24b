using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Pipeline.Evaluation;

namespace Cai.Pipeline.Tests.Evaluation;

[Collection(EvaluationTorchCollection.Name)]
public sealed class WinRateMetricTests
{
    [Fact]
    public async Task EvaluateAsync_RulesJudgeModelAgainstItself_HalfWithAllTies()
    {
        using var a = EvalFixtures.LoadModel();
        using var b = EvalFixtures.LoadModel();
        var options = new EvalSamplingOptions { SamplesPerPrompt = 2, MaxTokens = 32, Seed = 5 };

        var result = await new WinRateMetric(new RulesPairwiseJudge(EvalFixtures.KindStories()))
            .EvaluateAsync(a, b, EvalFixtures.TwoPrompts(), options);

        Assert.Equal(0.5, result.WinRate);
        Assert.Equal((4, 0, 0, 4), (result.Pairs, result.Wins, result.Losses, result.Ties));
        Assert.Equal(0.0, result.StandardError);
        Assert.Equal("rules", result.Judge);
    }

    [Fact]
    public async Task JudgeAsync_RulesJudge_FewerViolationsWins()
    {
        EvalCompletion[] a = [new("p", "", 0, "They played."), new("q", "", 0, "A scary fight."), new("r", "", 0, "Sun.")];
        EvalCompletion[] b = [new("p", "", 0, "They hit."), new("q", "", 0, "A fight."), new("r", "", 0, "Moon.")];

        var result = await new WinRateMetric(new RulesPairwiseJudge(EvalFixtures.KindStories())).JudgeAsync("a", a, "b", b);

        Assert.Equal((1, 1, 1), (result.Wins, result.Losses, result.Ties));
        Assert.Equal(0.5, result.WinRate, 12);
        // The mean of the scores 1, 0, 0.5 with the sample variance 0.5 / (3 - 1): sqrt(0.25 / 3).
        Assert.Equal(Math.Sqrt(0.25 / 3), result.StandardError, 12);
    }

    [Fact]
    public async Task JudgeAsync_MisalignedPrompts_Throws()
    {
        var judge = new WinRateMetric(new RulesPairwiseJudge(EvalFixtures.KindStories()));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            judge.JudgeAsync("a", [new EvalCompletion("p", "", 0, "x")], "b", [new EvalCompletion("q", "", 0, "y")]));
    }

    [Fact]
    public async Task CompareAsync_JudgeAlwaysPickingFirstOption_TiesFromPositionBias()
    {
        var scorer = new FakeChoiceScorer((_, _) => [-0.1, -3.0]);
        var judge = new ChoicePairwiseJudge(scorer, IPairwiseJudge.DefaultQuestion);

        var verdict = (await judge.CompareAsync([Message.User("Tell a story.")], "kind story", "mean story", null, default)).Verdict;

        Assert.Equal(PairVerdict.Tie, verdict);
        Assert.Equal(2, scorer.Prompts.Count);
        Assert.Contains("(A) [[[kind story]]]", scorer.Prompts[0]);
        Assert.Contains("(A) [[[mean story]]]", scorer.Prompts[1]);
    }

    [Theory]
    [InlineData("kind story", "mean story", PairVerdict.AWins)]
    [InlineData("mean story", "kind story", PairVerdict.BWins)]
    public async Task CompareAsync_JudgePreferringKindInBothOrders_PicksKind(string a, string b, PairVerdict expected)
    {
        // Prefers whichever option holds the word "kind", wherever it is placed.
        var scorer = new FakeChoiceScorer((prompt, _) =>
            prompt.Contains("(A) [[[kind", StringComparison.Ordinal) ? [-0.2, -2.0] : [-2.0, -0.2]);

        var verdict = (await new ChoicePairwiseJudge(scorer, "Which is kinder?").CompareAsync([Message.User("Tell a story.")], a, b, null, default)).Verdict;

        Assert.Equal(expected, verdict);
        Assert.All(scorer.Prompts, p => Assert.Contains("Which is kinder? Options:", p));
    }
}
