using Cai.Cli.Progress;

namespace Cai.Cli.Tests.Progress;

public sealed class RemainingTimeTests
{
    [Theory]
    [InlineData(1, 4, 10, 30)]   // a quarter in 10 s: three quarters left
    [InlineData(3, 4, 9, 3)]
    [InlineData(4, 4, 9, 0)]     // done
    [InlineData(5, 4, 9, 0)]     // more than the total (a count that grew) is done, never negative
    public void Estimate_ConstantPace_WhatIsLeftAtTheRateSoFar(int done, int total, int elapsedSeconds, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RemainingTime.Estimate(done, total, TimeSpan.FromSeconds(elapsedSeconds)));
    }

    [Fact]
    public void Estimate_NothingDoneYet_Unknown()
    {
        Assert.Null(RemainingTime.Estimate(0, 10, TimeSpan.FromSeconds(3)));
        Assert.Equal("unknown", RemainingTime.Format(null));
    }

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(5.4, "0:05")]
    [InlineData(59.5, "1:00")]
    [InlineData(754, "12:34")]
    [InlineData(3600, "1:00:00")]
    [InlineData(3723, "1:02:03")]
    public void Format_Seconds_MinutesAndSecondsHoursFromAnHourOn(double seconds, string expected)
    {
        Assert.Equal(expected, RemainingTime.Format(TimeSpan.FromSeconds(seconds)));
    }
}
