using Cai.Core.Constitutions;
using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Core.Stages;
using Cai.TestKit;
using Cai.TestKit.Fakes;

namespace Cai.Preference.Tests;

public class FeedbackPairBuilderTests
{
    sealed class PerPrincipleJudge(Func<string, double> probability) : IPairwiseJudge
    {
        public string Name => "fake:feedback";
        public Task<PairPreference> CompareAsync(
            IReadOnlyList<Message> conversation, string first, string second, Principle? principle, CancellationToken cancellationToken) =>
            Task.FromResult(PairPreference.Unordered(probability(principle!.Id)));
    }

    static readonly Constitution Three = FakeConstitution.WithPrinciples(3);

    static SampleGroup Group(params string[] responses) => SampleGroup.From(
        responses.Select((r, i) => FakeConstitution.Sample($"q#{i}", "Tell a story.", r, i)))[0];

    [Fact]
    public async Task BuildAsync_Ensemble_AveragesPrincipleLabels()
    {
        var judge = new PerPrincipleJudge(id => id switch { "p0" => 0.9, "p1" => 0.6, _ => 0.3 });
        var builder = new FeedbackPairBuilder(judge, Three, 1, new FeedbackOptions { Ensemble = 3 });

        var outcome = Assert.Single(await builder.BuildAsync(Group("one", "two"), CancellationToken.None));

        var pair = outcome.Pair!;
        Assert.Equal(0.6, pair.LabelProb!.Value, 12); // (0.9 + 0.6 + 0.3) / 3
        Assert.Equal("one", pair.Chosen[0].Content);
        Assert.Equal("two", pair.Rejected[0].Content);
        Assert.Equal("q#0|q#1", pair.Id);
        Assert.Equal(PreferenceSource.Feedback, pair.Source);
        Assert.Equal(["p0", "p1", "p2"], pair.PrincipleIds!.Order());
        Assert.Equal("fake:feedback", pair.Lineage!.Models!["feedback"]);
        Assert.Equal(new PrincipleSampler(Three, 1).ItemSeed("q#0|q#1"), pair.Lineage.Seed);
        Assert.Null(pair.Validate());
    }

    [Fact]
    public async Task BuildAsync_SecondBetter_ChoosesSecondWithItsProbability()
    {
        var builder = new FeedbackPairBuilder(new PerPrincipleJudge(_ => 0.2), Three, 1);
        var pair = (await builder.BuildAsync(Group("one", "two"), CancellationToken.None))[0].Pair!;
        Assert.Equal("two", pair.Chosen[0].Content);
        Assert.Equal(0.8, pair.LabelProb!.Value, 12);
    }

    [Theory]
    [InlineData(0.55, "one")]
    [InlineData(0.45, "two")]
    public async Task BuildAsync_OnePrincipleOfTenAtThreshold_KeepsEitherOrder(double firstWins, string chosen)
    {
        // The rules judge over ten principles: one decides (1 or 0), nine tie (0.5); the mean sits exactly 0.05 from 0.5.
        var ten = FakeConstitution.WithPrinciples(10);
        var decisive = firstWins > 0.5 ? 1.0 : 0.0;
        var builder = new FeedbackPairBuilder(new PerPrincipleJudge(id => id == "p3" ? decisive : 0.5), ten, 1,
            new FeedbackOptions { Ensemble = 10, MinConfidence = 0.05 });

        var outcome = Assert.Single(await builder.BuildAsync(Group("one", "two"), CancellationToken.None));

        Assert.Equal(chosen, outcome.Pair?.Chosen[0].Content);
        Assert.Equal(0.55, outcome.Pair!.LabelProb!.Value, 12);
    }

    [Fact]
    public async Task BuildAsync_FourSamples_PairsThemInIndexOrder()
    {
        var builder = new FeedbackPairBuilder(new PerPrincipleJudge(_ => 0.9), Three, 1);
        var outcomes = await builder.BuildAsync(Group("a", "b", "c", "d", "e"), CancellationToken.None);
        Assert.Equal(["q#0|q#1", "q#2|q#3"], outcomes.Select(o => o.Id));
    }

    [Fact]
    public async Task BuildAsync_AllPairs_ComparesEveryPairOnceEachWithItsOwnPrinciples()
    {
        var ten = FakeConstitution.WithPrinciples(10);
        var judge = new CountingJudge();
        var builder = new FeedbackPairBuilder(judge, ten, 1, new FeedbackOptions { Pairing = FeedbackPairing.All, Ensemble = 2 });

        var outcomes = await builder.BuildAsync(Group("a", "b", "c", "d"), CancellationToken.None);

        Assert.Equal(["q#0|q#1", "q#0|q#2", "q#0|q#3", "q#1|q#2", "q#1|q#3", "q#2|q#3"], outcomes.Select(o => o.Id));
        Assert.Equal(12, judge.Calls); // 6 comparisons x ensemble 2
        Assert.Equal(["a>b", "a>c", "a>d", "b>c", "b>d", "c>d"], outcomes.Select(o => $"{o.Pair!.Chosen[0].Content}>{o.Pair.Rejected[0].Content}"));
        // Principles are drawn per pair id, so the adjacent pairs keep the principles they had under Adjacent.
        var adjacent = await new FeedbackPairBuilder(new CountingJudge(), ten, 1, new FeedbackOptions { Ensemble = 2 })
            .BuildAsync(Group("a", "b", "c", "d"), CancellationToken.None);
        Assert.Equal(adjacent.Select(o => o.Pair!.PrincipleIds), outcomes.Where(o => o.Id is "q#0|q#1" or "q#2|q#3").Select(o => o.Pair!.PrincipleIds));
    }

    [Theory]
    [InlineData(0, FeedbackPairing.All, "")]
    [InlineData(1, FeedbackPairing.All, "")]
    [InlineData(3, FeedbackPairing.Adjacent, "0-1")]
    [InlineData(3, FeedbackPairing.All, "0-1 0-2 1-2")]
    [InlineData(5, FeedbackPairing.Adjacent, "0-1 2-3")]
    public void Candidates_CountAndPairing_ListsIndexPairs(int count, FeedbackPairing pairing, string expected) =>
        Assert.Equal(expected, string.Join(' ', FeedbackPairBuilder.Candidates(count, pairing).Select(c => $"{c.First}-{c.Second}")));

    [Fact]
    public void Options_UndefinedPairing_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeedbackOptions { Pairing = (FeedbackPairing)7 }.Validate());

    /// <summary>Prefers the answer that sorts first, and counts its calls.</summary>
    sealed class CountingJudge : IPairwiseJudge
    {
        public int Calls { get; private set; }
        public string Name => "fake:counting";
        public Task<PairPreference> CompareAsync(
            IReadOnlyList<Message> conversation, string first, string second, Principle? principle, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(PairPreference.Unordered(string.CompareOrdinal(first, second) < 0 ? 0.9 : 0.1));
        }
    }

    [Fact]
    public async Task BuildAsync_OneSample_IsDroppedAsTooFew()
    {
        var builder = new FeedbackPairBuilder(new PerPrincipleJudge(_ => 0.9), Three, 1);
        var outcome = Assert.Single(await builder.BuildAsync(Group("a"), CancellationToken.None));
        Assert.Equal(PairRejection.TooFewSamples, outcome.Rejection);
    }

    [Fact]
    public async Task ProcessAsync_BelowMinConfidence_DropsAndCounts()
    {
        var stage = new PairStage<SampleGroup>(
            new FeedbackPairBuilder(new PerPrincipleJudge(_ => 0.52), Three, 1, new FeedbackOptions { MinConfidence = 0.05 }),
            new PairFilter());
        var kept = new PairStage<SampleGroup>(
            new FeedbackPairBuilder(new PerPrincipleJudge(_ => 0.56), Three, 1, new FeedbackOptions { MinConfidence = 0.05 }),
            new PairFilter());

        var dropped = await stage.ProcessAsync(Group("a", "b", "c", "d"), CancellationToken.None);
        var written = await kept.ProcessAsync(Group("a", "b"), CancellationToken.None);

        Assert.True(dropped.Succeeded);
        Assert.Empty(dropped.Outputs);
        Assert.Equal(2, stage.Counts.Dropped[PairRejection.LowConfidence]);
        Assert.Equal(0, stage.Counts.Kept);
        Assert.Single(written.Outputs);
        Assert.Equal(1, kept.Counts.Kept);
    }

    [Fact]
    public async Task ProcessAsync_JudgeFails_FailsTheGroup()
    {
        var stage = new PairStage<SampleGroup>(
            new FeedbackPairBuilder(new PerPrincipleJudge(_ => throw new InvalidDataException("no (A)/(B)")), Three, 1), new PairFilter());
        var result = await stage.ProcessAsync(Group("a", "b"), CancellationToken.None);
        Assert.Equal(ErrorKinds.InvalidOutput, result.Failure!.ErrorKind);
        Assert.Equal("q", result.Failure.Id);
    }

    [Fact]
    public async Task RulesJudge_KindStories_PrefersTheAnswerWithFewerViolations()
    {
        var kind = ConstitutionLoader.LoadOrThrow(SharedData.Repo("constitutions", "kind-stories.yaml"));
        var judge = new RulesPairwiseJudge(kind);
        var scary = "A monster growled in the dark.";
        var cosy = "A bunny shared carrots with a friend.";
        var principle = kind.GetPrinciple("not-frightening");

        Assert.Equal(0.0, (await judge.CompareAsync([], scary, cosy, principle, CancellationToken.None)).ProbabilityFirstBetter);
        Assert.Equal(1.0, (await judge.CompareAsync([], cosy, scary, principle, CancellationToken.None)).ProbabilityFirstBetter);
        Assert.Equal(0.5, (await judge.CompareAsync([], cosy, cosy + " The end.", principle, CancellationToken.None)).ProbabilityFirstBetter);
        Assert.Equal(0.5, (await judge.CompareAsync([], scary, cosy, kind.GetPrinciple("gentle-resolution"), CancellationToken.None)).ProbabilityFirstBetter);
    }

    [Fact]
    public async Task RulesJudge_TieThroughStage_IsDroppedByDefaultThreshold()
    {
        var kind = ConstitutionLoader.LoadOrThrow(SharedData.Repo("constitutions", "kind-stories.yaml"));
        var stage = new PairStage<SampleGroup>(new FeedbackPairBuilder(new RulesPairwiseJudge(kind), kind, 3), new PairFilter());
        var result = await stage.ProcessAsync(Group("A bunny hopped.", "A bird sang."), CancellationToken.None);
        Assert.Empty(result.Outputs);
        Assert.Equal(1, stage.Counts.Dropped[PairRejection.LowConfidence]);
    }
}
