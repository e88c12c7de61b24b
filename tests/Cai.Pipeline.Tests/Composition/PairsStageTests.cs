using Cai.Core.Constitutions;
using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Config;
using Cai.Pipeline.Runner;
using Cai.Preference;
using Cai.TestKit.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cai.Pipeline.Tests.Composition;

public sealed class PairsStageTests
{
    static readonly Constitution Kind = new()
    {
        Name = "kind",
        Principles = [FakeConstitution.Principle("no-monsters", 1.0, "monster")],
    };

    static RevisedRecord Revised(string id, int index, string response, string final) =>
        RevisedRecord.From(FakeConstitution.Sample(id, "Tell a story.", response, index) with { PromptId = "p" },
            [new RevisionRound { PrincipleId = "no-monsters", CritiqueRequest = "c?", Critique = "c", RevisionRequest = "r?", Revision = final }],
            Message.Assistant(final), null, null);

    static PairsStage Stage(params PairMode[] modes)
    {
        using var clients = new ModelClients(_ => null, NullLoggerFactory.Instance, TimeProvider.System);
        return PairStageFactory.Create(new PairsConfig { Modes = modes }, new ModelRoleConfig("rules", new()), Kind, 1, clients, "test");
    }

    static SampleGroup Group(params SampleRecord[] items) => new() { Id = "p", Messages = items[0].Messages, Samples = items };

    [Fact]
    public async Task ProcessAsync_BothModes_RevisionPairPerChangedRowAndRulesFeedbackPair()
    {
        var a = Revised("p-s0", 0, "A monster came.", "A kitten came.");
        var b = Revised("p-s1", 1, "A kitten played.", "A kitten played.");

        var result = await Stage(PairMode.Revision, PairMode.Feedback).ProcessAsync(Group(a, b), default);

        Assert.True(result.Succeeded);
        var revision = Assert.Single(result.Outputs, p => p.Source == PreferenceSource.Revision);
        Assert.Equal(("A kitten came.", "A monster came."), (revision.Chosen[0].Content, revision.Rejected[0].Content));
        var feedback = Assert.Single(result.Outputs, p => p.Source == PreferenceSource.Feedback);
        Assert.Equal(("A kitten played.", "A monster came.", 1.0), (feedback.Chosen[0].Content, feedback.Rejected[0].Content, feedback.LabelProb!.Value));
    }

    sealed class FailingJudge : IPairwiseJudge
    {
        public string Name => "failing";

        public Task<PairPreference> CompareAsync(IReadOnlyList<Message> conversation, string first, string second,
            Principle? principle, CancellationToken cancellationToken) => throw new TimeoutException("critic timed out");
    }

    [Fact]
    public async Task ProcessAsync_FeedbackFails_FailsPromptButKeepsItsRevisionPairs()
    {
        var a = Revised("p-s0", 0, "A monster came.", "A kitten came.");
        var b = Revised("p-s1", 1, "A kitten played.", "A kitten played.");
        var stage = new PairsStage(
            new Cai.Preference.PairStage<RevisedRecord>(new Cai.Preference.RevisionPairBuilder(), new Cai.Preference.PairFilter(), PairsStage.StageName),
            new Cai.Preference.PairStage<SampleGroup>(new Cai.Preference.FeedbackPairBuilder(new FailingJudge(), Kind, 1),
                new Cai.Preference.PairFilter(), PairsStage.StageName));

        var result = await stage.ProcessAsync(Group(a, b), default);

        Assert.False(result.Succeeded);
        Assert.Equal(("p", "prefs"), (result.Failure!.Id, result.Failure.Stage));
        Assert.Contains("critic timed out", result.Failure.Message);
        var revision = Assert.Single(result.Outputs);
        Assert.Equal((PreferenceSource.Revision, "A kitten came."), (revision.Source, revision.Chosen[0].Content));
    }

    [Fact]
    public async Task ProcessAsync_FeedbackOnlyWithTie_NoPairs()
    {
        var a = FakeConstitution.Sample("p-s0", "Tell a story.", "A cat.", 0) with { PromptId = "p" };
        var b = FakeConstitution.Sample("p-s1", "Tell a story.", "A dog.", 1) with { PromptId = "p" };

        var result = await Stage(PairMode.Feedback).ProcessAsync(Group(a, b), default);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Outputs);
    }

    [Fact]
    public void Create_BothOrdersOff_ThrowsNamingOption()
    {
        using var clients = new ModelClients(_ => null, NullLoggerFactory.Instance, TimeProvider.System);
        var pairs = new PairsConfig { Feedback = new FeedbackOptions { BothOrders = false } };

        var ex = Assert.Throws<ArgumentException>(() => PairStageFactory.Create(pairs, new ModelRoleConfig("rules", new()), Kind, 1, clients, "x.yaml"));

        Assert.Contains("x.yaml: pairs.feedback.both_orders", ex.Message);
    }

    [Fact]
    public void Create_TestFractionOutsideItsRange_ThrowsNamingOption()
    {
        using var clients = new ModelClients(_ => null, NullLoggerFactory.Instance, TimeProvider.System);
        var pairs = new PairsConfig { TestFraction = 0.95 };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PairStageFactory.Create(pairs, new ModelRoleConfig("rules", new()), Kind, 1, clients, "x.yaml"));

        Assert.StartsWith("PairsConfig.TestFraction must be in [0, 0.9] (got 0.95).", ex.Message);
    }
}
