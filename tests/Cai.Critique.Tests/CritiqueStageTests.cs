using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Core.Stages;
using Cai.TestKit.Fakes;

namespace Cai.Critique.Tests;

public class CritiqueStageTests
{
    static readonly Cai.Core.Constitutions.Constitution Constitution = FakeConstitution.WithPrinciples(3);

    static CritiqueStage Stage(FakeChatClient client, long seed = 5) =>
        new(new ModelCritic(client, "fake:critic", Constitution), new PrincipleSampler(Constitution, seed).Next, Constitution,
            new CritiqueStageOptions { RunSeed = seed });

    [Fact]
    public async Task ProcessAsync_Sample_AddsOnePendingRoundWithTheDrawnPrinciple()
    {
        var sample = FakeConstitution.Sample("q1#0", "Tell a story.", "Once upon a time.");
        var result = await Stage(new FakeChatClient("Too short.")).ProcessAsync(sample, CancellationToken.None);

        var record = Assert.Single(result.Outputs);
        var round = Assert.Single(record.Rounds);
        var expected = new PrincipleSampler(Constitution, 5).Next("q1#0", []);
        Assert.Equal(expected.Id, round.PrincipleId);
        Assert.Equal(expected.Critique, round.CritiqueRequest);
        Assert.Equal("Too short.", round.Critique);
        Assert.True(round.IsPending);
        Assert.Null(round.RevisionRequest);
        Assert.Equal(sample.Response, record.Final);
        Assert.Equal("test", record.Lineage!.Constitution);
        Assert.Equal(Constitution.Hash, record.Lineage.ConstitutionHash);
        Assert.Equal([expected.Id], record.Lineage.PrincipleIds!);
        Assert.Equal("fake:critic", record.Lineage.Models!["critic"]);
        Assert.Equal("fake:policy", record.Lineage.Models["policy"]);
        Assert.Equal(SeededRandom.DeriveSeed(5, "q1#0"), record.Lineage.Seed);
        Assert.Null(record.Validate());
    }

    [Fact]
    public async Task ProcessAsync_RowWithPendingRound_FailsAsInvalidInput()
    {
        var stage = Stage(new FakeChatClient("c"));
        var first = (await stage.ProcessAsync(FakeConstitution.Sample("q#0", "p", "r"), CancellationToken.None)).Outputs[0];

        var again = await stage.ProcessAsync(first, CancellationToken.None);

        Assert.False(again.Succeeded);
        Assert.Equal(ErrorKinds.InvalidInput, again.Failure!.ErrorKind);
        Assert.Equal("critique", again.Failure.Stage);
    }

    [Fact]
    public async Task ProcessAsync_RevisedRow_CritiquesTheLastRevisionWithANewPrinciple()
    {
        var client = new FakeChatClient("c2");
        var revised = RevisedRecord.From(FakeConstitution.Sample("q#0", "p", "first"),
            [new RevisionRound { PrincipleId = "p0", CritiqueRequest = "cr", Critique = "c", RevisionRequest = "rr", Revision = "second" }],
            Message.Assistant("second"), null, null);

        var record = (await Stage(client).ProcessAsync(revised, CancellationToken.None)).Outputs[0];

        Assert.Equal(2, record.Rounds.Count);
        Assert.NotEqual("p0", record.Rounds[1].PrincipleId);
        Assert.Equal("assistant:second", $"{client.Calls[0].Messages[^2].Role}:{client.Calls[0].Messages[^2].Text}");
        Assert.Equal("second", record.Final.Content);
    }

    [Fact]
    public async Task ProcessAsync_ClientThrows_ReturnsFailureRecord()
    {
        var client = new FakeChatClient((_, _) => throw new HttpRequestException("connection refused"));
        var result = await Stage(client).ProcessAsync(FakeConstitution.Sample("q#0", "p", "r"), CancellationToken.None);

        Assert.Equal(ErrorKinds.HttpError, result.Failure!.ErrorKind);
        Assert.Equal("connection refused", result.Failure.Message);
        Assert.Equal("q#0", result.Failure.Id);
    }

    [Fact]
    public async Task ProcessAsync_RulesCriticFindsNothing_MarksRoundAsNotNeedingRevision()
    {
        var constitution = FakeConstitution.WithPrinciples(1) with { Principles = [FakeConstitution.Principle("p0", 1, "monster")] };
        var stage = new CritiqueStage(new RulesCritic(), new PrincipleSampler(constitution, 1).Next, constitution);

        var clean = (await stage.ProcessAsync(FakeConstitution.Sample("a#0", "p", "A bunny."), CancellationToken.None)).Outputs[0];
        var scary = (await stage.ProcessAsync(FakeConstitution.Sample("b#0", "p", "A monster."), CancellationToken.None)).Outputs[0];

        Assert.False(clean.Rounds[0].RevisionNeeded);
        Assert.Null(scary.Rounds[0].RevisionNeeded);
        Assert.Equal("rules", scary.Lineage!.Models!["critic"]);
    }
}
