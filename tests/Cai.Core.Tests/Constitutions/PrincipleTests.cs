using Cai.Core.Constitutions;

namespace Cai.Core.Tests.Constitutions;

public class PrincipleTests
{
    static Principle NoViolence() => new()
    {
        Id = "no-violence",
        Critique = "c",
        Revision = "r",
        Comparison = "q",
        Checks =
        [
            new LexiconCheck { Name = "violence", Words = ["hit", "fight*"] },
            new MaxLengthCheck { Name = "length", MaxWords = 5 },
        ],
    };

    [Fact]
    public void Evaluate_OneCheckViolated_ViolatedWithOnlyThatFinding()
    {
        var evaluation = NoViolence().Evaluate("They started fighting.");

        Assert.True(evaluation.Violated);
        Assert.Equal("no-violence", evaluation.PrincipleId);
        Assert.Equal(2, evaluation.Results.Count);
        Assert.Equal("lexicon 'violence' matched: fighting", evaluation.Findings);
    }

    [Fact]
    public void Evaluate_AllChecksPass_NotViolated()
    {
        var evaluation = NoViolence().Evaluate("They shared the toy.");

        Assert.False(evaluation.Violated);
        Assert.Equal("", evaluation.Findings);
    }

    [Fact]
    public void Evaluate_NoChecks_NotViolated()
    {
        Assert.False((NoViolence() with { Checks = [] }).Evaluate("hit hit hit").Violated);
    }
}
