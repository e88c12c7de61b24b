using Cai.Train.Losses;
using Cai.Train.Tests.Golden;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class DpoLossValidationTests
{
    [Theory]
    [InlineData(0.0, 0.0, "beta must be > 0 (got 0)")]
    [InlineData(-1.0, 0.0, "beta must be > 0 (got -1)")]
    [InlineData(0.1, 0.5, "label_smoothing must be in [0, 0.5) (got 0.5)")]
    [InlineData(0.1, -0.1, "label_smoothing must be in [0, 0.5) (got -0.1)")]
    public void Compute_InvalidParameters_ThrowsNamingTheOption(double beta, double labelSmoothing, string message)
    {
        using var scope = torch.NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(
            () => DpoLoss.Compute(DpoLossType.Robust, PairInput(), new DpoLossParameters(beta, labelSmoothing)));

        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData(DpoLossType.SimPo, "ChosenTokenCounts")]
    [InlineData(DpoLossType.Ipo, "ChosenTokenCounts")]
    [InlineData(DpoLossType.SoftLabel, "LabelProbs")]
    public void Compute_MissingVariantInput_ThrowsNamingIt(DpoLossType type, string missing)
    {
        using var scope = torch.NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => DpoLoss.Compute(type, PairInput(), new DpoLossParameters(0.1)));

        Assert.Equal(missing, error.ParamName);
        Assert.Contains($"{missing} is required for loss type {type}", error.Message);
    }

    [Fact]
    public void Compute_MismatchedShapes_ThrowsNamingTheInput()
    {
        using var scope = torch.NewDisposeScope();
        var input = PairInput() with { ReferenceRejected = torch.zeros(3, ScalarType.Float64) };

        var error = Assert.Throws<ArgumentException>(() => DpoLoss.Compute(DpoLossType.Sigmoid, input, new DpoLossParameters(0.1)));

        Assert.Equal("ReferenceRejected", error.ParamName);
        Assert.Contains("shape [3]", error.Message);
    }

    [Fact]
    public void Compute_LabelProbsShapeDiffers_ThrowsNamingIt()
    {
        using var scope = torch.NewDisposeScope();
        var input = PairInput() with { LabelProbs = Vector([0.5, 0.5]) };

        var error = Assert.Throws<ArgumentException>(() => DpoLoss.Compute(DpoLossType.SoftLabel, input, new DpoLossParameters(0.1)));

        Assert.Equal("LabelProbs", error.ParamName);
    }

    private static DpoLossInput PairInput() => DpoLossTests.PairInput();

    private static Tensor Vector(double[] values) => TensorAssert.Vector(values);
}
