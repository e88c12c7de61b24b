using Cai.Models.Llama;

namespace Cai.Models.Tests.Llama;

public class RopeScalingTests
{
    // Llama 3.2's rope_scaling (factor 32, low 1, high 4, original context 8192, theta 500000, head_dim 64). Expected
    // values from a stdlib Python transcription of HF transformers' _compute_llama3_parameters, in float64.
    static readonly RopeScaling Llama32 = new("llama3", 32, 1, 4, 8192);

    [Theory]
    [InlineData(0, 1.0)]                     // high frequency: kept
    [InlineData(10, 0.016560440080994446)]
    [InlineData(15, 0.001290547928209264)]
    [InlineData(16, 0.00042955679655936815)] // medium band: blended
    [InlineData(17, 9.70828780262767e-05)]
    [InlineData(18, 1.9461638184831125e-05)]
    [InlineData(20, 8.570255489881478e-06)]  // low frequency: divided by the factor
    [InlineData(31, 9.418306725434909e-08)]
    public void InverseFrequencies_Llama3_MatchTransformers(int index, double expected) =>
        Assert.Equal(expected, RopeScaling.InverseFrequencies(64, 500000, Llama32)[index], expected * 1e-12);

    [Fact]
    public void InverseFrequencies_LinearAndNone_DivideByFactorOrNot()
    {
        var plain = RopeScaling.InverseFrequencies(16, 10000, null);
        var linear = RopeScaling.InverseFrequencies(16, 10000, new RopeScaling("linear", 4));
        Assert.Equal(1.0 / Math.Pow(10000, 2.0 * 3 / 16), plain[3], 15);
        Assert.Equal(plain.Select(f => f / 4), linear);
    }

    [Theory]
    [InlineData("yarn", 4, null, null, null, "rope_type 'yarn' is not implemented")]
    [InlineData("llama3", 8, null, 4.0, 8192, "low_freq_factor")]
    [InlineData("llama3", 8, 4.0, 1.0, 8192, "0 < low < high")]
    [InlineData("llama3", 8, 1.0, 4.0, null, "original_max_position_embeddings")]
    [InlineData("linear", 0.5, null, null, null, "factor must be at least 1")]
    public void Problem_BadValues_NameTheField(string type, double factor, double? low, double? high, int? original, string expected)
    {
        var scaling = new RopeScaling(type, factor, low, high, original);
        Assert.Contains(expected, scaling.Problem());
        Assert.Throws<ArgumentException>(() => RopeScaling.InverseFrequencies(8, 10000, scaling));
    }
}
