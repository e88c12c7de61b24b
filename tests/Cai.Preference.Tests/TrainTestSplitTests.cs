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
}
