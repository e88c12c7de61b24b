using Cai.Core.Records;
using Cai.TestKit.Fakes;

namespace Cai.Preference.Tests;

public sealed class SftRowsTests
{
    static RevisedRecord Revised(IReadOnlyList<QualityFlag>? flags = null, bool? secondNeeded = null) =>
        RevisedRecord.From(FakeConstitution.Sample("q#0", "Tell a story.", "A monster story."),
            [
                new RevisionRound { PrincipleId = "p0", CritiqueRequest = "cr0", Critique = "c0", RevisionRequest = "rr0", Revision = "A calmer story." },
                secondNeeded == false
                    ? new RevisionRound { PrincipleId = "p1", CritiqueRequest = "cr1", Critique = "fine", RevisionNeeded = false, Revision = "A calmer story." }
                    : new RevisionRound { PrincipleId = "p1", CritiqueRequest = "cr1", Critique = "c1", RevisionRequest = "rr1", Revision = "A cosy story." },
            ],
            Message.Assistant(secondNeeded == false ? "A calmer story." : "A cosy story."), new Lineage { Constitution = "test" }, flags);

    [Fact]
    public void From_RevisedSample_IsThePromptAndTheFinalRevisionWithItsLineage()
    {
        var row = SftRows.From(Revised())!;

        Assert.Equal("q#0", row.Id);
        Assert.Equal([Message.User("Tell a story."), Message.Assistant("A cosy story.")], row.Messages);
        Assert.Equal("test", row.Lineage!.Constitution);
        Assert.Null(row.Validate());
    }

    [Fact]
    public void From_WithCritiques_KeepsTheExchangeOfEveryRevisingRoundEndingInTheFinalRevision()
    {
        Assert.Equal(
            [
                Message.User("Tell a story."), Message.Assistant("A monster story."),
                Message.User("cr0"), Message.Assistant("c0"), Message.User("rr0"), Message.Assistant("A calmer story."),
                Message.User("cr1"), Message.Assistant("c1"), Message.User("rr1"), Message.Assistant("A cosy story."),
            ],
            SftRows.From(Revised(), critiques: true)!.Messages);
        // A round that needed no revision asked nothing of the reviser: it is not part of the exchange.
        Assert.Equal(
            [
                Message.User("Tell a story."), Message.Assistant("A monster story."),
                Message.User("cr0"), Message.Assistant("c0"), Message.User("rr0"), Message.Assistant("A calmer story."),
            ],
            SftRows.From(Revised(secondNeeded: false), critiques: true)!.Messages);
    }

    [Fact]
    public void From_PoorTargets_AreLeftOutButAnAnswerNoRoundNeededToReviseIsKept()
    {
        Assert.Null(SftRows.From(Revised([QualityFlag.Empty])));
        Assert.Null(SftRows.From(Revised([QualityFlag.EchoesRequest])));
        Assert.Null(SftRows.From(Revised([QualityFlag.IdenticalToInput]))); // asked to revise, did not
        var critiqueOnly = RevisedRecord.From(FakeConstitution.Sample("q#1", "p", "same"),
            [new RevisionRound { PrincipleId = "p0", CritiqueRequest = "cr", Critique = "c" }], Message.Assistant("same"), null, null);
        Assert.Null(SftRows.From(critiqueOnly)); // revision pending
        var passed = RevisedRecord.From(FakeConstitution.Sample("q#2", "p", "A kind story."),
            [new RevisionRound { PrincipleId = "p0", CritiqueRequest = "cr", Critique = "no problems", RevisionNeeded = false, Revision = "A kind story." }],
            Message.Assistant("A kind story."), null, [QualityFlag.IdenticalToInput]);
        Assert.Equal("A kind story.", SftRows.From(passed)!.Messages[^1].Content);
        Assert.Equal(["q#0", "q#2"], SftRows.From([Revised(), critiqueOnly, passed]).Select(r => r.Id));
    }
}
