using Cai.Core.Records;
using Cai.Core.Storage;
using Cai.Pipeline.Judging;
using Cai.Pipeline.Tests.Runner;
using Cai.TestKit.Fakes;

namespace Cai.Pipeline.Tests.Judging;

public sealed class AiJudgeTests
{
    // A judge model that rates a response 9 when it mentions "kind" and 2 otherwise, with some mass on the neighbours.
    static IReadOnlyDictionary<string, double> Ratings(IReadOnlyList<Message> prompt)
    {
        var text = prompt[^1].Content;
        if (text.Contains("explode", StringComparison.Ordinal))
            throw new HttpRequestException("connection reset (injected)");
        var best = text.Contains("Assistant: kind", StringComparison.Ordinal) ? 9 : 2;
        return new Dictionary<string, double> { [best.ToString()] = Math.Log(0.75), [(best - 1).ToString()] = Math.Log(0.25), ["I"] = -3 };
    }

    static (AiJudge Judge, JudgeCache Cache) Open(string dir, FakeChoiceLogProbs model)
    {
        var cache = JudgeCache.Open(dir);
        return (new AiJudge(model, "fake:judge", FakeConstitution.WithPrinciples(3), cache), cache);
    }

    [Fact]
    public async Task ScoreAsync_RatingsFromLogProbs_AreExpectedRatingsInItemOrder()
    {
        using var dir = new TempDirectory();
        var model = new FakeChoiceLogProbs(Ratings);
        var (judge, cache) = Open(dir.Path, model);
        await using var _ = cache;

        var scores = await judge.ScoreAsync([("Tell a story.", "kind words"), ("Tell a story.", "a fight")], CancellationToken.None);

        Assert.Equal(9 * 0.75 + 8 * 0.25, scores[0].Score!.Value, 12);
        Assert.Equal(2 * 0.75 + 1 * 0.25, scores[1].Score!.Value, 12);
        Assert.Equal(scores[0].PrincipleId, scores[1].PrincipleId);
        Assert.Contains($"Judge the assistant's response by this question: Which answer is better for {scores[0].PrincipleId}?",
            model.Prompts[0][0].Content);
        Assert.All(scores, s => Assert.False(s.Cached));
    }

    [Fact]
    public async Task ScoreAsync_RepeatedResponse_IsAskedOnce()
    {
        using var dir = new TempDirectory();
        var model = new FakeChoiceLogProbs(Ratings);
        var (judge, cache) = Open(dir.Path, model);
        await using var _ = cache;

        var scores = await judge.ScoreAsync([("p", "kind"), ("p", "kind"), ("p", "kind")], CancellationToken.None);

        Assert.Single(model.Prompts);
        Assert.All(scores, s => Assert.Equal(scores[0].Score, s.Score));
    }

    [Fact]
    public async Task ScoreAsync_ReopenedCache_AnswersWithoutAskingTheModel()
    {
        using var dir = new TempDirectory();
        IReadOnlyList<JudgeScore> first;
        await using (var cache = JudgeCache.Open(dir.Path))
            first = await new AiJudge(new FakeChoiceLogProbs(Ratings), "fake:judge", FakeConstitution.WithPrinciples(3), cache)
                .ScoreAsync([("p1", "kind"), ("p2", "mean")], CancellationToken.None);

        var model = new FakeChoiceLogProbs(_ => throw new InvalidOperationException("the model must not be asked"));
        await using var reopened = JudgeCache.Open(dir.Path);
        var second = await new AiJudge(model, "fake:judge", FakeConstitution.WithPrinciples(3), reopened)
            .ScoreAsync([("p1", "kind"), ("p2", "mean")], CancellationToken.None);

        Assert.Empty(model.Prompts);
        Assert.Equal(2, reopened.Count);
        Assert.Equal(first.Select(s => s.Score), second.Select(s => s.Score));
        Assert.All(second, s => Assert.True(s.Cached));
    }

    [Fact]
    public async Task ScoreAsync_AnotherJudgeModel_DoesNotReuseTheCache()
    {
        using var dir = new TempDirectory();
        await using var cache = JudgeCache.Open(dir.Path);
        await new AiJudge(new FakeChoiceLogProbs(Ratings), "fake:judge", FakeConstitution.WithPrinciples(3), cache)
            .ScoreAsync([("p", "kind")], CancellationToken.None);
        var other = new FakeChoiceLogProbs(Ratings);

        await new AiJudge(other, "fake:other", FakeConstitution.WithPrinciples(3), cache).ScoreAsync([("p", "kind")], CancellationToken.None);

        Assert.Single(other.Prompts);
    }

    [Fact]
    public async Task ScoreAsync_FailedJudgement_IsReturnedAndRecordedNotScoredZero()
    {
        using var dir = new TempDirectory();
        var (judge, cache) = Open(dir.Path, new FakeChoiceLogProbs(Ratings));
        await using (cache)
        {
            var scores = await judge.ScoreAsync([("p", "kind"), ("p", "explode")], CancellationToken.None);

            Assert.True(scores[0].Succeeded);
            Assert.False(scores[1].Succeeded);
            Assert.Null(scores[1].Score);
            Assert.Equal("http_error", scores[1].Failure!.ErrorKind);
            Assert.Contains("connection reset (injected)", scores[1].Failure!.Message);
        }

        var failures = JsonlReader.ReadAll<FailureRecord>(Path.Combine(dir.Path, "judge.failed.jsonl")).Records;
        var recorded = Assert.Single(failures).Record;
        Assert.Equal("judge", recorded.Stage);
        Assert.Contains("under principle", recorded.Message);
        Assert.Single(JsonlReader.ReadAll<JudgeCacheEntry>(Path.Combine(dir.Path, "judge.jsonl")).Records);
    }

    [Fact]
    public async Task ScoreAsync_NoRatingAmongTokens_FailsAsInvalidOutput()
    {
        using var dir = new TempDirectory();
        var (judge, cache) = Open(dir.Path, new FakeChoiceLogProbs(_ => new Dictionary<string, double> { ["Well"] = -0.1 }));
        await using var _ = cache;

        var score = Assert.Single(await judge.ScoreAsync([("p", "r")], CancellationToken.None));

        Assert.Equal("invalid_output", score.Failure!.ErrorKind);
    }

    [Fact]
    public async Task CompareAsync_AsksBothOrders_AndAveragesTheProbabilities()
    {
        using var dir = new TempDirectory();
        // Prefers the option that says "kind", with a bias of 0.1 towards whichever option is (A).
        var model = new FakeChoiceLogProbs(prompt =>
        {
            var text = prompt[^1].Content;
            var aIsKind = text.Contains("(A) kind", StringComparison.Ordinal);
            return FakeChoiceLogProbs.Choices(aIsKind ? 0.9 : 0.3, aIsKind ? 0.1 : 0.7);
        });
        var (judge, cache) = Open(dir.Path, model);
        await using var _ = cache;

        var verdict = Assert.Single(await judge.CompareAsync([("p", "kind", "mean")], CancellationToken.None));

        Assert.Equal(2, model.Prompts.Count);
        Assert.Equal((0.9 + (1 - 0.3)) / 2, verdict.ProbabilityFirstBetter!.Value, 12);
        Assert.True(verdict.FirstIsChosen);
    }
}
