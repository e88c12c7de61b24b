using Cai.Pipeline.Judging;

namespace Cai.Pipeline.Tests.Judging;

public sealed class RatingExpectationTests
{
    [Fact]
    public void Of_DigitsAmongOtherTokens_IsProbabilityWeightedMeanOfRatings()
    {
        var logProbs = new Dictionary<string, double>
        {
            ["7"] = Math.Log(0.5), [" 8"] = Math.Log(0.2), ["3"] = Math.Log(0.1), ["The"] = Math.Log(0.15), ["0"] = Math.Log(0.05),
        };

        var (score, mass) = RatingExpectation.Of(logProbs, 1, 9);

        // Renormalised over the ratings 7, 8 and 3 (0 is off the 1..9 scale): (0.5·7 + 0.2·8 + 0.1·3) / 0.8.
        Assert.Equal((0.5 * 7 + 0.2 * 8 + 0.1 * 3) / 0.8, score, 12);
        Assert.Equal(0.8, mass, 12);
    }

    [Fact]
    public void Of_TinyProbabilities_DoNotUnderflow()
    {
        var (score, _) = RatingExpectation.Of(new Dictionary<string, double> { ["2"] = -800, ["4"] = -800 }, 1, 9);

        Assert.Equal(3.0, score, 12);
    }

    [Fact]
    public void Of_NoRatingToken_ThrowsInvalidDataNamingTheTokens()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            RatingExpectation.Of(new Dictionary<string, double> { ["Sure"] = -0.1, ["10"] = -1 }, 1, 9));

        Assert.Contains("'Sure'", error.Message);
        Assert.Contains("No rating 1..9", error.Message);
    }
}
