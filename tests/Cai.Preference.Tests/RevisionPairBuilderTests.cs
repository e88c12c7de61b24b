using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Core.Stages;
using Cai.TestKit.Fakes;

namespace Cai.Preference.Tests;

public class RevisionPairBuilderTests
{
    static RevisedRecord Revised(IReadOnlyList<QualityFlag>? finalFlags = null, IReadOnlyList<QualityFlag>? round0Flags = null) =>
        RevisedRecord.From(FakeConstitution.Sample("q#0", "Tell a story.", "A monster story."),
            [
                new RevisionRound { PrincipleId = "p0", CritiqueRequest = "cr0", Critique = "c0", RevisionRequest = "rr0", Revision = "A calmer story.", Flags = round0Flags },
                new RevisionRound { PrincipleId = "p1", CritiqueRequest = "cr1", Critique = "c1", RevisionRequest = "rr1", Revision = "A cosy story." },
            ],
            Message.Assistant("A cosy story."), new Lineage { Constitution = "test" }, finalFlags);

    [Fact]
    public void Build_Default_ChosenIsFinalRejectedIsResponse()
    {
        var pair = new RevisionPairBuilder().Build(Revised()).Pair!;

        Assert.Equal("q#0", pair.Id);
        Assert.Equal([Message.User("Tell a story.")], pair.Prompt);
        Assert.Equal([Message.Assistant("A cosy story.")], pair.Chosen);
        Assert.Equal([Message.Assistant("A monster story.")], pair.Rejected);
        Assert.Equal(PreferenceSource.Revision, pair.Source);
        Assert.Null(pair.LabelProb);
        Assert.Equal(["p0", "p1"], pair.PrincipleIds!);
        Assert.Equal("test", pair.Lineage!.Constitution);
    }

    [Fact]
    public void Build_ChosenRound_UsesThatRoundsRevisionAndPrinciples()
    {
        var pair = new RevisionPairBuilder(new RevisionPairOptions { Round = 0 }).Build(Revised()).Pair!;
        Assert.Equal("A calmer story.", pair.Chosen[0].Content);
        Assert.Equal(["p0"], pair.PrincipleIds!);
    }

    [Fact]
    public void Build_FlaggedFinal_IsDroppedUnlessAllowed()
    {
        var flagged = Revised(finalFlags: [QualityFlag.EchoesRequest]);
        Assert.Equal(PairRejection.Flagged, new RevisionPairBuilder().Build(flagged).Rejection);
        Assert.NotNull(new RevisionPairBuilder(new RevisionPairOptions { ExcludeFlagged = false }).Build(flagged).Pair);
        Assert.Equal(PairRejection.Flagged,
            new RevisionPairBuilder(new RevisionPairOptions { Round = 0 }).Build(Revised(round0Flags: [QualityFlag.Empty])).Rejection);
    }

    [Fact]
    public async Task ProcessAsync_RoundOutOfRange_FailsNamingTheOption()
    {
        var stage = new PairStage<RevisedRecord>(new RevisionPairBuilder(new RevisionPairOptions { Round = 5 }), new PairFilter());
        var result = await stage.ProcessAsync(Revised(), CancellationToken.None);
        Assert.Equal(ErrorKinds.InvalidInput, result.Failure!.ErrorKind);
        Assert.Contains("RevisionPairOptions.Round 5", result.Failure.Message);
    }

    [Fact]
    public async Task ProcessAsync_UnrevisedRow_IsDroppedAsIdenticalAndCounted()
    {
        var critiqueOnly = RevisedRecord.From(FakeConstitution.Sample("q#0", "p", "same"),
            [new RevisionRound { PrincipleId = "p0", CritiqueRequest = "cr", Critique = "c" }], Message.Assistant("same"), null, null);
        var stage = new PairStage<RevisedRecord>(new RevisionPairBuilder(), new PairFilter());

        var result = await stage.ProcessAsync(critiqueOnly, CancellationToken.None);
        var kept = await stage.ProcessAsync(Revised(), CancellationToken.None);

        Assert.Empty(result.Outputs);
        Assert.Single(kept.Outputs);
        Assert.Equal(1, stage.Counts.Dropped[PairRejection.Identical]);
        Assert.Equal(1, stage.Counts.Kept);
    }
}
