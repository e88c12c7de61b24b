using Cai.Core.Options;

namespace Cai.Core.Tests.Options;

public class OptionsRecordTests
{
    sealed record Bounded : OptionsRecord
    {
        [Positive]
        public double Rate { get; init; } = 1;

        [NonNegative]
        public double Weight { get; init; }
    }

    [Theory]
    [InlineData(0.0, 0.0, "Rate must be > 0 (got 0)")]
    [InlineData(1.0, -0.5, "Weight must be >= 0 (got -0.5)")]
    [InlineData(double.PositiveInfinity, 0.0, "Rate must be > 0 (got Infinity)")]
    [InlineData(1.0, double.PositiveInfinity, "Weight must be >= 0 (got Infinity)")]
    public void Validate_OutsideAFromZeroBound_NamesTheOption(double rate, double weight, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Bounded { Rate = rate, Weight = weight }.Validate());

        Assert.StartsWith($"Bounded.{expected}", e.Message);
    }

    [Fact]
    public void Validate_ZeroWhereNonNegative_Passes() => new Bounded { Rate = 1e-9, Weight = 0 }.Validate();
}
