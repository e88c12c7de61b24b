namespace Cai.Preference.Tests;

public class ChoiceProbabilityTests
{
    [Fact]
    public void OfA_TokenSpellings_AreSummedPerLetterAndOthersIgnored()
    {
        var logProbs = new Dictionary<string, double>
        {
            ["A"] = Math.Log(0.3), [" (A"] = Math.Log(0.1), ["B"] = Math.Log(0.2), ["(B)"] = Math.Log(0.2), ["The"] = Math.Log(0.2),
        };
        Assert.Equal(0.5, ChoiceProbability.OfA(logProbs), 12);
    }

    [Fact]
    public void OfA_OnlyOneLetter_IsCertain()
    {
        Assert.Equal(1.0, ChoiceProbability.OfA(new Dictionary<string, double> { ["A"] = -3, ["x"] = -0.1 }), 12);
        Assert.Equal(0.0, ChoiceProbability.OfA(new Dictionary<string, double> { ["B"] = -3 }), 12);
    }

    [Fact]
    public void OfA_VerySmallLogProbs_DoNotUnderflow() =>
        Assert.Equal(1 / (1 + Math.Exp(-1)), ChoiceProbability.OfA(new Dictionary<string, double> { ["A"] = -1000, ["B"] = -1001 }), 12);

    [Fact]
    public void OfA_NoLetters_ThrowsNamingTheTokens()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ChoiceProbability.OfA(new Dictionary<string, double> { ["Sure"] = -0.1 }));
        Assert.Contains("'Sure'", ex.Message);
    }
}
