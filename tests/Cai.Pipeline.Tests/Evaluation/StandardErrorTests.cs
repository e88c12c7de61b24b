using Cai.Pipeline.Evaluation;

namespace Cai.Pipeline.Tests.Evaluation;

// Expected values by hand, the formula beside each; OfMean's agree with scipy.stats.sem (ddof=1) and with Python's
// statistics.stdev(xs) / math.sqrt(len(xs)).
public sealed class StandardErrorTests
{
    [Fact]
    public void OfMean_SampleVariance_IsScipySem()
    {
        // Mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32; sample variance 32/7; se = sqrt(32/7/8) = sqrt(4/7) = 0.7559.
        Assert.Equal(Math.Sqrt(4 / 7.0), StandardError.OfMean([2, 4, 4, 4, 5, 5, 7, 9]), 12);
    }

    [Fact]
    public void OfMean_WinTieLossScores_UsesNMinusOne()
    {
        // Scores 1, 0.5, 0: mean 0.5, squared deviations 0.25+0+0.25 = 0.5; sample variance 0.5/2; se = sqrt(0.25/3) = 0.2887
        // (the population variance 0.5/3 gave sqrt(1/6/3) = 0.2357).
        Assert.Equal(Math.Sqrt(0.25 / 3), StandardError.OfMean([1.0, 0.5, 0.0]), 12);
    }

    [Fact]
    public void OfMean_OneValue_IsZeroAndNoValueThrows()
    {
        Assert.Equal(0.0, StandardError.OfMean([3.5]));
        Assert.Throws<ArgumentException>(() => StandardError.OfMean([]));
    }

    [Fact]
    public void OfProportion_IsWald()
    {
        // sqrt(0.25 * 0.75 / 12) = sqrt(1/64) = 0.125.
        Assert.Equal(0.125, StandardError.OfProportion(0.25, 12), 12);
        Assert.Equal(0.0, StandardError.OfProportion(1.0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardError.OfProportion(1.5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => StandardError.OfProportion(0.5, 0));
    }

    [Fact]
    public void OfProportion_IsOfMeanOfTheOutcomesTimesSqrtNMinusOneOverN()
    {
        double[] outcomes = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.Equal(StandardError.OfMean(outcomes) * Math.Sqrt(11 / 12.0), StandardError.OfProportion(0.25, 12), 12);
    }

    [Fact]
    public void OverPrompts_TwoPromptsOfTwo_ByHand()
    {
        // Prompt sums 4 and 0, mean 1 over n = 4: ((4 - 2)^2 + (0 - 2)^2) * P/(P-1) = 16; sqrt(16) / 4 = 1.
        Assert.Equal(1.0, StandardError.OverPrompts([("a", 1.0), ("a", 3.0), ("b", 0.0), ("b", 0.0)])!.Value, 12);
    }

    [Fact]
    public void OverPrompts_OneCompletionPerPrompt_IsOfMean()
    {
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];

        var clustered = StandardError.OverPrompts([.. values.Select((v, i) => ($"p{i}", v))]);

        Assert.Equal(StandardError.OfMean(values), clustered!.Value, 12);
    }

    [Fact]
    public void OverPrompts_OnePrompt_IsNull()
    {
        Assert.Null(StandardError.OverPrompts([("a", 1.0), ("a", 0.0)]));
    }
}
