using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Core.Stages;
using Cai.TestKit.Fakes;

namespace Cai.Revise.Tests;

public class ReviseStageTests
{
    static readonly Cai.Core.Constitutions.Constitution Constitution = FakeConstitution.WithPrinciples(3);
    static readonly SampleRecord Sample = FakeConstitution.Sample("q#0", "Tell a story.", "orig");

    static RevisedRecord Critiqued(string principleId, bool? needed = null) => RevisedRecord.From(Sample,
        [new RevisionRound { PrincipleId = principleId, CritiqueRequest = $"Critique request {principleId}.", Critique = "too dark", RevisionNeeded = needed }],
        Sample.Response, null, null);

    [Fact]
    public async Task ProcessAsync_PendingRound_FillsRevisionFromReviser()
    {
        var reviser = new FakeChatClient("a brighter story");
        var stage = new ReviseStage(reviser, "fake:policy", Constitution);

        var record = Assert.Single((await stage.ProcessAsync(Critiqued("p1"), CancellationToken.None)).Outputs);

        var round = Assert.Single(record.Rounds);
        Assert.Equal("Revision request p1.", round.RevisionRequest);
        Assert.Equal("a brighter story", round.Revision);
        Assert.Equal("a brighter story", record.Final.Content);
        Assert.Equal("fake:policy", record.Lineage!.Models!["reviser"]);
        Assert.Equal(["user:Tell a story.", "assistant:orig", "user:Critique request p1.", "assistant:too dark", "user:Revision request p1."],
            reviser.Calls[0].Messages.Select(m => $"{m.Role}:{m.Text}"));
        Assert.Equal(1, stage.Stats.RoundsRevised);
    }

    [Fact]
    public async Task ProcessAsync_NothingToFix_KeepsTextAndRecordsIt()
    {
        var reviser = new FakeChatClient("unused");
        var stage = new ReviseStage(reviser, "fake:policy", Constitution);

        var record = (await stage.ProcessAsync(Critiqued("p1", needed: false), CancellationToken.None)).Outputs[0];

        Assert.Empty(reviser.Calls);
        Assert.Equal("orig", record.Rounds[0].Revision);
        Assert.False(record.Rounds[0].RevisionNeeded);
        Assert.Equal(1, stage.Stats.RoundsUnchanged);
    }

    [Fact]
    public async Task ProcessAsync_NoPendingRound_FailsAsInvalidInput()
    {
        var done = (await new ReviseStage(new FakeChatClient("r"), "m", Constitution).ProcessAsync(Critiqued("p0"), CancellationToken.None)).Outputs[0];
        var result = await new ReviseStage(new FakeChatClient("r"), "m", Constitution).ProcessAsync(done, CancellationToken.None);
        Assert.Equal(ErrorKinds.InvalidInput, result.Failure!.ErrorKind);
        Assert.Contains("rounds", result.Failure.Message);
    }

    [Fact]
    public async Task ProcessAsync_UnknownPrinciple_FailsNamingIt()
    {
        var result = await new ReviseStage(new FakeChatClient("r"), "m", Constitution).ProcessAsync(Critiqued("ghost"), CancellationToken.None);
        Assert.Equal(ErrorKinds.InvalidInput, result.Failure!.ErrorKind);
        Assert.Contains("'ghost'", result.Failure.Message);
    }

    [Fact]
    public async Task ProcessAsync_NoChatOptions_SendsConstitutionSamplingDefaults()
    {
        var reviser = new FakeChatClient("better");
        var constitution = Constitution with { Defaults = new Cai.Core.Constitutions.ConstitutionDefaults { Temperature = 0.25 } };
        await new ReviseStage(reviser, "m", constitution).ProcessAsync(Critiqued("p0"), CancellationToken.None);
        Assert.Equal(0.25f, reviser.Calls[0].Options!.Temperature);
        Assert.Null(reviser.Calls[0].Options!.MaxOutputTokens);
    }
}
