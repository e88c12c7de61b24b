using Cai.Core.Constitutions;
using Cai.Core.Judging;
using Cai.TestKit.Fakes;

namespace Cai.Critique.Tests.Judging;

public class PrincipleSamplerTests
{
    static Constitution Weighted() => new()
    {
        Name = "weighted",
        Principles = [FakeConstitution.Principle("light", 1), FakeConstitution.Principle("mid", 2),
            FakeConstitution.Principle("heavy", 7), FakeConstitution.Principle("never", 0)],
    };

    [Fact]
    public void Sequence_SameRunSeedAndItem_IsIdenticalAcrossInstances()
    {
        var c = FakeConstitution.WithPrinciples(6);
        var a = new PrincipleSampler(c, 42).Sequence("item-1", 6).Select(p => p.Id);
        var b = new PrincipleSampler(c, 42).Sequence("item-1", 6).Select(p => p.Id);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Next_DifferentItemsOrSeeds_DrawDifferentSequences()
    {
        var c = FakeConstitution.WithPrinciples(6);
        var sampler = new PrincipleSampler(c, 42);
        var sequences = Enumerable.Range(0, 20).Select(i => string.Join(",", sampler.Sequence($"item-{i}", 6).Select(p => p.Id)));
        Assert.True(sequences.Distinct().Count() > 10, "20 items should not share a handful of orders");
        Assert.NotEqual(
            string.Join(",", new PrincipleSampler(c, 1).Sequence("x", 6).Select(p => p.Id)),
            string.Join(",", new PrincipleSampler(c, 2).Sequence("x", 6).Select(p => p.Id)));
    }

    [Fact]
    public void Sequence_LongerThanConstitution_UsesEveryPrincipleOncePerCycle()
    {
        var c = FakeConstitution.WithPrinciples(4);
        var ids = new PrincipleSampler(c, 7).Sequence("item", 8).Select(p => p.Id).ToList();
        Assert.Equal(["p0", "p1", "p2", "p3"], ids.Take(4).Order());
        Assert.Equal(["p0", "p1", "p2", "p3"], ids.Skip(4).Order());
    }

    [Fact]
    public void Next_GivenEarlierRounds_ContinuesTheSameSequence()
    {
        var sampler = new PrincipleSampler(FakeConstitution.WithPrinciples(5), 3);
        var full = sampler.Sequence("item", 4);
        var resumed = sampler.Next("item", [full[0].Id, full[1].Id]);
        Assert.Equal(full[2].Id, resumed.Id);
    }

    [Fact]
    public void Next_FirstDraw_FollowsTheWeights()
    {
        var sampler = new PrincipleSampler(Weighted(), 11);
        const int n = 20_000;
        var counts = Enumerable.Range(0, n).Select(i => sampler.Next($"item-{i}", []).Id)
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count() / (double)n);
        // Expected 0.1 / 0.2 / 0.7; the standard error at n = 20000 is at most 0.0033, so 0.02 is loose but a sampler
        // ignoring weights (1/3 each) fails it.
        Assert.InRange(counts["light"], 0.08, 0.12);
        Assert.InRange(counts["mid"], 0.18, 0.22);
        Assert.InRange(counts["heavy"], 0.68, 0.72);
        Assert.False(counts.ContainsKey("never"));
    }

    [Fact]
    public void Next_OnlyZeroWeightsLeft_DrawsThemUniformly()
    {
        var sampler = new PrincipleSampler(Weighted(), 11);
        var fourth = sampler.Sequence("item", 4);
        Assert.Equal("never", fourth[3].Id);
    }

    [Fact]
    public void Constructor_NegativeWeight_NamesThePrinciple()
    {
        var c = FakeConstitution.WithPrinciples(2) with
        {
            Principles = [FakeConstitution.Principle("ok"), FakeConstitution.Principle("bad", -1)],
        };
        var ex = Assert.Throws<ArgumentException>(() => new PrincipleSampler(c, 1));
        Assert.Contains("principle 'bad'", ex.Message);
    }
}
