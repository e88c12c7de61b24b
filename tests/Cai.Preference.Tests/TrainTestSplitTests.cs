using Cai.Core.Records;

namespace Cai.Preference.Tests;

public class TrainTestSplitTests
{
    static readonly IReadOnlyList<PromptRecord> Items =
        [.. Enumerable.Range(0, 2000).Select(i => PromptRecord.FromText($"prompt {i}", $"id-{i}"))];

    [Fact]
    public void Split_SameSeed_IsIdenticalAndOrderIndependent()
    {
        var (train, test) = TrainTestSplit.Split(Items, 7, 0.2);
        var (_, testReversed) = TrainTestSplit.Split(Items.Reverse(), 7, 0.2);
        Assert.Equal(test.Select(t => t.Id).Order(), testReversed.Select(t => t.Id).Order());
        Assert.Equal(Items.Count, train.Count + test.Count);
        Assert.Empty(train.Select(t => t.Id).Intersect(test.Select(t => t.Id)));
    }

    [Fact]
    public void Split_Fraction_IsRoughlyHonouredAndSeedMatters()
    {
        var (_, test) = TrainTestSplit.Split(Items, 7, 0.2);
        var (_, other) = TrainTestSplit.Split(Items, 8, 0.2);
        // Binomial(2000, 0.2): sd ~ 18, so 360..440 is a loose but failing-capable bound.
        Assert.InRange(test.Count, 360, 440);
        Assert.NotEqual(test.Select(t => t.Id), other.Select(t => t.Id));
    }

    [Fact]
    public void IsTest_ExtremeFractions_AreAllOrNothing()
    {
        Assert.DoesNotContain(Items, i => TrainTestSplit.IsTest(i.Id, 1, 0));
        Assert.All(Items, i => Assert.True(TrainTestSplit.IsTest(i.Id, 1, 1)));
    }

    [Fact]
    public void IsTest_FractionOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.IsTest("x", 1, 1.5));

    [Fact]
    public void Split_ByPromptKey_KeepsEveryPairOfAPromptOnOneSide()
    {
        // 200 prompts x 3 pairs with distinct ids: split by id, some prompt would straddle train and test.
        var pairs = Enumerable.Range(0, 200).SelectMany(p => Enumerable.Range(0, 3).Select(k => new PreferencePair
        {
            Id = $"p{p}#{k}|p{p}#{k + 1}",
            Prompt = [Message.User($"prompt {p}")],
            Chosen = [Message.Assistant("good")],
            Rejected = [Message.Assistant($"bad {k}")],
            Source = PreferenceSource.Feedback,
        })).ToList();

        var (train, test) = TrainTestSplit.Split(pairs, TrainTestSplit.PromptKey, 7, 0.3);

        var testPrompts = test.Select(p => p.Prompt[0].Content).ToHashSet();
        Assert.DoesNotContain(train, p => testPrompts.Contains(p.Prompt[0].Content));
        Assert.All(test.GroupBy(p => p.Prompt[0].Content), g => Assert.Equal(3, g.Count()));
        Assert.InRange(testPrompts.Count, 40, 80); // Binomial(200, 0.3): mean 60, sd 6.5
        var (_, byId) = TrainTestSplit.Split(pairs, 7, 0.3);
        Assert.NotEqual(3, byId.GroupBy(p => p.Prompt[0].Content).Min(g => g.Count()));
    }

    [Fact]
    public void PromptKey_DiffersByRoleAndContent()
    {
        static PreferencePair Pair(params Message[] prompt) =>
            new() { Id = "x", Prompt = prompt, Chosen = [Message.Assistant("a")], Rejected = [Message.Assistant("b")], Source = PreferenceSource.Feedback };
        Assert.NotEqual(TrainTestSplit.PromptKey(Pair(Message.User("hi"))), TrainTestSplit.PromptKey(Pair(Message.System("hi"))));
        Assert.NotEqual(TrainTestSplit.PromptKey(Pair(Message.User("a b"))), TrainTestSplit.PromptKey(Pair(Message.User("a"), Message.User("b"))));
        Assert.Equal(TrainTestSplit.PromptKey(Pair(Message.User("hi"))), TrainTestSplit.PromptKey(Pair(Message.User("hi"))));
    }
}
