using System.Text.Json;
using Cai.Core.Options;

namespace Cai.Core.Tests.Options;

public sealed class IntervalTests
{
    [Theory]
    [InlineData(0.7, 0.6)]
    [InlineData(double.NaN, 0.6)]
    public void Constructor_NotLowAtMostHigh_Throws(double low, double high)
    {
        Assert.Throws<ArgumentException>(() => new Interval(low, high));
        Assert.False(Interval.TryCreate(low, high, out _));
    }

    [Fact]
    public void TryCreate_OneNumber_IsAnInterval()
    {
        Assert.True(Interval.TryCreate(0.5, 0.5, out var interval));
        Assert.Equal((0.5, 0.5), (interval.Low, interval.High));
    }

    [Fact]
    public void Json_WrittenAsTheConfigWritesIt_AndReadBack()
    {
        var json = JsonSerializer.Serialize(new Interval(0.4, 0.6));

        Assert.Equal("[0.4,0.6]", json);
        Assert.Equal(new Interval(0.4, 0.6), JsonSerializer.Deserialize<Interval>(json));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Interval>("[0.4]"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Interval>("[0.6,0.4]"));
        Assert.Equal("[0.4, 0.6]", new Interval(0.4, 0.6).ToString());
    }
}
