using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Core.Stages;
using Cai.TestKit.Fakes;

namespace Cai.Revise.Tests;

public class RevisionChainTests
{
    static readonly Cai.Core.Constitutions.Constitution Constitution = FakeConstitution.WithPrinciples(5, rounds: 2);
    static readonly SampleRecord Sample = FakeConstitution.Sample("q#0", "Tell a story.", "orig");

    static RevisionChain Chain(ICritic critic, FakeChatClient reviser, int? rounds = 3) =>
        new(critic, reviser, "fake:reviser", new PrincipleSampler(Constitution, 9).Next, Constitution,
            new ReviseOptions { Rounds = rounds, RunSeed = 9 });

    [Fact]
    public async Task ProcessAsync_ThreeRounds_KeepsEveryRoundWithDistinctPrinciples()
    {
        var critic = new FakeCritic();
        var reviser = FakeChatClient.Scripted("rev1", "rev2", "rev3");

        var record = Assert.Single((await Chain(critic, reviser).ProcessAsync(Sample, CancellationToken.None)).Outputs);

        var expectedIds = new PrincipleSampler(Constitution, 9).Sequence("q#0", 3).Select(p => p.Id).ToList();
        Assert.Equal(expectedIds, record.Rounds.Select(r => r.PrincipleId));
        Assert.Equal(3, expectedIds.Distinct().Count());
        Assert.Equal(["rev1", "rev2", "rev3"], record.Rounds.Select(r => r.Revision));
        Assert.Equal(expectedIds.Select(id => $"Revision request {id}."), record.Rounds.Select(r => r.RevisionRequest));
        Assert.Equal(expectedIds.Select(id => $"critique of {id}"), record.Rounds.Select(r => r.Critique));
        Assert.Equal(["orig", "rev1", "rev2"], critic.Calls.Select(c => c.Response));
        Assert.Equal(Message.Assistant("rev3"), record.Final);
        Assert.Null(record.Flags);
        Assert.Equal(expectedIds, record.Lineage!.PrincipleIds!);
        Assert.Equal("fake:critic", record.Lineage.Models!["critic"]);
        Assert.Equal("fake:reviser", record.Lineage.Models["reviser"]);
        Assert.Equal(SeededRandom.DeriveSeed(9, "q#0"), record.Lineage.Seed);
        Assert.Equal(Constitution.Hash, record.Lineage.ConstitutionHash);
        Assert.Null(record.Validate());
    }

    [Fact]
    public async Task ProcessAsync_SecondRound_SendsRevisionPromptOnThePreviousRevision()
    {
        var reviser = FakeChatClient.Scripted("rev1", "rev2", "rev3");
        var record = (await Chain(new FakeCritic(), reviser).ProcessAsync(Sample, CancellationToken.None)).Outputs[0];

        var id = record.Rounds[1].PrincipleId;
        Assert.Equal(
            ["user:Tell a story.", "assistant:rev1", $"user:Critique request {id}.", $"assistant:critique of {id}", $"user:Revision request {id}."],
            reviser.Calls[1].Messages.Select(m => $"{m.Role}:{m.Text}"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ProcessAsync_FewShotOption_PutsOrLeavesTheExamplesBeforeTheConversation(bool fewShot)
    {
        var constitution = Constitution with
        {
            FewShot =
            [
                new Cai.Core.Constitutions.FewShotExample
                {
                    Messages = [new("user", "Example prompt."), new("assistant", "Example answer.")],
                    PrincipleId = "p0", Critique = "Example critique.", Revision = "Example revision.",
                },
            ],
        };
        var reviser = FakeChatClient.Scripted("rev1");
        var chain = new RevisionChain(new FakeCritic(), reviser, "fake:reviser", new PrincipleSampler(constitution, 9).Next, constitution,
            new ReviseOptions { Rounds = 1, FewShot = fewShot });

        await chain.ProcessAsync(Sample, CancellationToken.None);

        var sent = reviser.Calls[0].Messages.Select(m => m.Text).ToList();
        string[] examples = ["Example prompt.", "Example answer.", "Critique request p0.", "Example critique.", "Revision request p0.", "Example revision."];
        Assert.Equal(fewShot ? examples : [], sent.Take(sent.Count - 5));
        Assert.Equal("Tell a story.", sent[^5]);
    }

    [Fact]
    public async Task ProcessAsync_NoRoundsOption_UsesConstitutionDefault()
    {
        var chain = Chain(new FakeCritic(), new FakeChatClient("better"), rounds: null);
        var record = (await chain.ProcessAsync(Sample, CancellationToken.None)).Outputs[0];
        Assert.Equal(2, chain.Rounds);
        Assert.Equal(2, record.Rounds.Count);
    }

    [Fact]
    public async Task ProcessAsync_CriticFindsNothing_KeepsTextWithoutAskingReviser()
    {
        var critic = new FakeCritic((_, _) => ("no problems found by checks", false));
        var reviser = new FakeChatClient("should not be used");
        var chain = Chain(critic, reviser, rounds: 2);

        var record = (await chain.ProcessAsync(Sample, CancellationToken.None)).Outputs[0];

        Assert.Empty(reviser.Calls);
        Assert.All(record.Rounds, r => Assert.False(r.RevisionNeeded));
        Assert.All(record.Rounds, r => Assert.Equal("orig", r.Revision));
        Assert.All(record.Rounds, r => Assert.Null(r.RevisionRequest));
        Assert.Equal([QualityFlag.IdenticalToInput], record.Flags!);
        Assert.Equal(2, chain.Stats.RoundsUnchanged);
        Assert.Equal(0, chain.Stats.RoundsRevised);
    }

    [Fact]
    public async Task ProcessAsync_BadRevisions_FlagsRoundsAndFinalAndCountsThem()
    {
        var chain = Chain(new FakeCritic(), FakeChatClient.Scripted("Revision: a nicer story", "", "Revision: a nicer story", ""), rounds: 2);

        var first = (await chain.ProcessAsync(Sample, CancellationToken.None)).Outputs[0];
        var second = (await chain.ProcessAsync(FakeConstitution.Sample("q#1", "Tell a story.", "orig"), CancellationToken.None)).Outputs[0];

        Assert.Equal([QualityFlag.EchoesRequest], first.Rounds[0].Flags!);
        Assert.Equal([QualityFlag.Empty], first.Rounds[1].Flags!);
        Assert.Equal([QualityFlag.Empty], first.Flags!);
        Assert.Equal(2, chain.Stats.FlaggedFinals[QualityFlag.Empty]);
        Assert.Equal(0, chain.Stats.FlaggedFinals[QualityFlag.EchoesRequest]);
        Assert.Equal(2, chain.Stats.Records);
        Assert.Equal(4, chain.Stats.RoundsRevised);
        Assert.NotNull(second);
    }

    [Fact]
    public async Task ProcessAsync_ReviserThrows_ReturnsFailure()
    {
        var chain = Chain(new FakeCritic(), new FakeChatClient((_, _) => throw new TimeoutException("slow")));
        var result = await chain.ProcessAsync(Sample, CancellationToken.None);
        Assert.Equal("timeout", result.Failure!.ErrorKind);
        Assert.Equal("revise", result.Failure.Stage);
    }

    [Fact]
    public async Task ProcessAsync_RowWithPendingRound_CompletesItThenContinues()
    {
        var critiqued = RevisedRecord.From(Sample,
            [new RevisionRound { PrincipleId = "p3", CritiqueRequest = "Critique request p3.", Critique = "too dark" }],
            Sample.Response, null, null);
        var critic = new FakeCritic();
        var reviser = FakeChatClient.Scripted("rev1", "rev2");

        var record = (await Chain(critic, reviser, rounds: 2).ProcessAsync(critiqued, CancellationToken.None)).Outputs[0];

        Assert.Equal("p3", record.Rounds[0].PrincipleId);
        Assert.Equal("rev1", record.Rounds[0].Revision);
        Assert.NotEqual("p3", record.Rounds[1].PrincipleId);
        Assert.Equal(["rev1"], critic.Calls.Select(c => c.Response));
        Assert.Equal("rev2", record.Final.Content);
    }

    [Fact]
    public async Task ProcessAsync_PendingRoundOfAnUnknownPrinciple_FailsNamingIt()
    {
        var critiqued = RevisedRecord.From(Sample,
            [new RevisionRound { PrincipleId = "ghost", CritiqueRequest = "Critique request.", Critique = "too dark" }], Sample.Response, null, null);

        var result = await Chain(new FakeCritic(), new FakeChatClient("r"), rounds: 1).ProcessAsync(critiqued, CancellationToken.None);

        Assert.Equal(ErrorKinds.InvalidInput, result.Failure!.ErrorKind);
        Assert.Contains("'ghost'", result.Failure.Message);
    }

    [Fact]
    public async Task ProcessAsync_NoChatOptions_SendsTheConstitutionsSamplingDefaults()
    {
        var reviser = new FakeChatClient("better");
        var constitution = Constitution with { Defaults = new Cai.Core.Constitutions.ConstitutionDefaults { Temperature = 0.25, TopK = 5 } };
        var chain = new RevisionChain(new FakeCritic(), reviser, "m", new PrincipleSampler(constitution, 9).Next, constitution,
            new ReviseOptions { Rounds = 1 });

        await chain.ProcessAsync(Sample, CancellationToken.None);

        Assert.Equal((0.25f, 5, (int?)null), (reviser.Calls[0].Options!.Temperature, reviser.Calls[0].Options!.TopK, reviser.Calls[0].Options!.MaxOutputTokens));
    }

    [Fact]
    public void Constructor_ZeroRounds_NamesTheOption()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Chain(new FakeCritic(), new FakeChatClient("x"), rounds: 0));
        Assert.Contains("ReviseOptions.Rounds", ex.Message);
    }

    [Fact]
    public void Constructor_RoundsAboveTheDeclaredRange_NamesTheOptionAndBounds()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Chain(new FakeCritic(), new FakeChatClient("x"), rounds: 17));
        Assert.StartsWith("ReviseOptions.Rounds must be in [0, 16] (got 17).", ex.Message);
    }
}
