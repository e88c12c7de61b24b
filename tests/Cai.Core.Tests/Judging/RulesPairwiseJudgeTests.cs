using Cai.Core.Constitutions;
using Cai.Core.Judging;
using Cai.TestKit.Fakes;

namespace Cai.Core.Tests.Judging;

public sealed class RulesPairwiseJudgeTests
{
    // "monster" breaks one check of "scary"; "ghost" and "monster" together break both checks of the same principle.
    static readonly Principle Scary = FakeConstitution.Principle("scary") with
    {
        Checks = [new LexiconCheck { Name = "monsters", Words = ["monster"] }, new LexiconCheck { Name = "ghosts", Words = ["ghost"] }],
    };

    static readonly Constitution Kind = new() { Name = "kind", Principles = [Scary, FakeConstitution.Principle("mean", 1.0, "hate")] };

    static Task<PairPreference> Compare(string first, string second, Principle? principle) =>
        new RulesPairwiseJudge(Kind).CompareAsync([], first, second, principle, CancellationToken.None);

    [Fact]
    public async Task CompareAsync_UnderAPrinciple_CountsItsViolatedChecks()
    {
        var preference = await Compare("A monster came.", "A monster and a ghost came.", Scary);

        Assert.Equal(new PairPreference(1.0, 1.0), preference);
        Assert.Equal(PairVerdict.AWins, preference.Verdict);
    }

    [Fact]
    public async Task CompareAsync_NoPrinciple_CountsTheConstitutionsViolatedPrinciples()
    {
        // One violated principle each (two checks of "scary" against one of "mean"): a tie.
        Assert.Equal(PairVerdict.Tie, (await Compare("A monster and a ghost came.", "I hate it.", null)).Verdict);
        Assert.Equal(0.0, (await Compare("A monster said I hate it.", "A ghost came.", null)).ProbabilityFirstBetter);
    }

    [Theory]
    [InlineData(0.8, 0.7, PairVerdict.AWins)]
    [InlineData(0.2, 0.4, PairVerdict.BWins)]
    [InlineData(0.9, 0.3, PairVerdict.Tie)]
    [InlineData(0.5, 0.9, PairVerdict.Tie)]
    public void Verdict_WinsOnlyWhenBothOrdersAgree(double firstShownFirst, double firstShownSecond, PairVerdict expected) =>
        Assert.Equal(expected, new PairPreference(firstShownFirst, firstShownSecond).Verdict);

    [Fact]
    public void ProbabilityFirstBetter_IsTheMeanOfBothOrders() =>
        Assert.Equal(0.75, new PairPreference(0.8, 0.7).ProbabilityFirstBetter, 12);
}
