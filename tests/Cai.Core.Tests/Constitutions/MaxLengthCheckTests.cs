using Cai.Core.Constitutions;

namespace Cai.Core.Tests.Constitutions;

public class MaxLengthCheckTests
{
    [Fact]
    public void Evaluate_TooManyWords_ViolatesWithCounts()
    {
        var check = new MaxLengthCheck { Name = "story-length", MaxWords = 3 };

        var result = check.Evaluate("one two  three\nfour");

        Assert.True(result.Violated);
        Assert.Equal("max_length 'story-length' exceeded: 4 words > 3", result.Finding);
    }

    [Fact]
    public void Evaluate_BothLimitsExceeded_ReportsBoth()
    {
        var check = new MaxLengthCheck { Name = "len", MaxChars = 5, MaxWords = 1 };

        Assert.Equal("max_length 'len' exceeded: 7 chars > 5, 2 words > 1", check.Evaluate("abc def").Finding);
    }

    [Fact]
    public void Evaluate_WithinLimits_Passes()
    {
        var check = new MaxLengthCheck { Name = "len", MaxChars = 7, MaxWords = 2 };

        var result = check.Evaluate("abc def");

        Assert.False(result.Violated);
        Assert.Equal("max_length 'len' ok: 7 chars, 2 words", result.Finding);
    }
}
