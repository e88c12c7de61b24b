using Cai.Core.Constitutions;

namespace Cai.Core.Tests.Constitutions;

public class RegexCheckTests
{
    [Fact]
    public void Evaluate_PatternMatches_ViolatesAndQuotesMatches()
    {
        var check = new RegexCheck { Name = "shouting", Pattern = @"!{2,}|\b[A-Z]{4,}\b" };

        var result = check.Evaluate("STOP that!! Please stop.");

        Assert.True(result.Violated);
        Assert.Equal("regex 'shouting' matched: \"STOP\", \"!!\"", result.Finding);
    }

    [Fact]
    public void Evaluate_NoMatch_Passes()
    {
        var check = new RegexCheck { Name = "shouting", Pattern = @"\b[A-Z]{4,}\b" };

        Assert.False(check.Evaluate("Stop that, please.").Violated);
    }

    [Fact]
    public void Evaluate_IgnoreCaseFlag_MatchesOtherCase()
    {
        var check = new RegexCheck { Name = "url", Pattern = "https?://", Flags = "i" };

        Assert.True(check.Evaluate("see HTTP://example.org").Violated);
        Assert.False((check with { Flags = "" }).Evaluate("see HTTP://example.org").Violated);
    }

    [Fact]
    public void Compile_UnknownFlag_ThrowsNamingTheFlag()
    {
        var ex = Assert.Throws<ArgumentException>(() => RegexCheck.Compile("a", "iq"));

        Assert.Contains("'q'", ex.Message);
    }
}
