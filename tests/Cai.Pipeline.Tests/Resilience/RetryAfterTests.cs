using Cai.Pipeline.Resilience;

namespace Cai.Pipeline.Tests.Resilience;

public class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Parse_Seconds_ReturnsThatManySeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfter.Parse(null, "7", Now));
    }

    [Fact]
    public void Parse_HttpDate_ReturnsTimeUntilThen()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.Parse(null, Now.AddSeconds(30).ToString("r"), Now));
    }

    [Fact]
    public void Parse_HttpDateInThePast_ReturnsZero()
    {
        Assert.Equal(TimeSpan.Zero, RetryAfter.Parse(null, Now.AddSeconds(-30).ToString("r"), Now));
    }

    [Fact]
    public void Parse_RetryAfterMs_WinsOverSeconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), RetryAfter.Parse("250", "7", Now));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "soon")]
    [InlineData(null, "-3")]
    [InlineData("x", null)]
    public void Parse_MissingOrUnparseable_ReturnsNull(string? ms, string? value)
    {
        Assert.Null(RetryAfter.Parse(ms, value, Now));
    }
}
