using Cai.Train.Losses;
using Cai.Train.Tests.Golden;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class SequenceLogProbsTests
{
    [Fact]
    public void Gather_GoldenLogits_MatchesPythonReference()
    {
        using var scope = torch.NewDisposeScope();
        var golden = LossesGolden.Instance.LogProbs;

        var output = SequenceLogProbs.Gather(Logits(golden), Labels(golden), Mask(golden));

        TensorAssert.Close(golden.Summed, output.Summed, 1e-9, "summed");
        TensorAssert.Close(golden.TokenCounts, output.TokenCounts, 0.0, "token counts");
    }

    [Fact]
    public void Gather_FirstTokenMasked_IsNotCounted()
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.zeros(1, 3, 4, ScalarType.Float64);
        var labels = torch.tensor(new long[] { 1, 2, 3 }).reshape(1, 3);

        var output = SequenceLogProbs.Gather(logits, labels, torch.ones(1, 3, ScalarType.Bool));

        // Uniform logits over 4 tokens: each of the 2 predicted tokens has log-prob −ln 4; token 0 has no predictor.
        Assert.Equal(2.0, output.TokenCounts.item<double>());
        Assert.Equal(-2.0 * Math.Log(4.0), output.Summed.item<double>(), 12);
    }

    [Fact]
    public void Gather_ShiftByOne_ScoresEachTokenWithThePreviousPosition()
    {
        using var scope = torch.NewDisposeScope();
        // Position 0's logits put all mass on token 2, position 1's on token 0: labels [x, 2, 0] are certain.
        var logits = torch.full(1, 3, 3, -1e4, ScalarType.Float64);
        logits[0, 0, 2] = torch.tensor(0.0);
        logits[0, 1, 0] = torch.tensor(0.0);
        var labels = torch.tensor(new long[] { 1, 2, 0 }).reshape(1, 3);
        var mask = torch.tensor(new[] { false, true, true }).reshape(1, 3);

        var output = SequenceLogProbs.Gather(logits, labels, mask);

        Assert.Equal(0.0, output.Summed.item<double>(), 12);
    }

    [Fact]
    public void Gather_Backward_GivesFiniteGradientsOnLogits()
    {
        using var scope = torch.NewDisposeScope();
        var golden = LossesGolden.Instance.LogProbs;
        var logits = Logits(golden).requires_grad_();

        SequenceLogProbs.Gather(logits, Labels(golden), Mask(golden)).Summed.sum().backward();

        var grad = TensorAssert.ToArray(logits.grad!);
        Assert.All(grad, g => Assert.True(double.IsFinite(g)));
        Assert.Contains(grad, g => g != 0.0);
    }

    [Fact]
    public void Gather_BFloat16Logits_ComputesInFloat32()
    {
        using var scope = torch.NewDisposeScope();
        var golden = LossesGolden.Instance.LogProbs;
        var halfLogits = Logits(golden).to_type(ScalarType.BFloat16);

        var half = SequenceLogProbs.Gather(halfLogits, Labels(golden), Mask(golden));
        var upcast = SequenceLogProbs.Gather(halfLogits.to_type(ScalarType.Float32), Labels(golden), Mask(golden));

        Assert.Equal(ScalarType.Float32, half.Summed.dtype);
        Assert.Equal(TensorAssert.ToArray(upcast.Summed), TensorAssert.ToArray(half.Summed));
    }

    [Fact]
    public void Gather_LabelsShapeDiffersFromLogits_ThrowsNamingLabels()
    {
        using var scope = torch.NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => SequenceLogProbs.Gather(
            torch.zeros(2, 4, 5), torch.zeros(2, 3, ScalarType.Int64), torch.ones(2, 4, ScalarType.Bool)));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("(2, 4)", error.Message);
    }

    internal static Tensor Logits(LogProbsGolden golden) =>
        torch.tensor(golden.Logits.SelectMany(b => b.SelectMany(t => t)).ToArray(), ScalarType.Float64)
            .reshape(golden.Logits.Length, golden.Logits[0].Length, golden.Logits[0][0].Length);

    internal static Tensor Labels(LogProbsGolden golden) =>
        torch.tensor(golden.Labels.SelectMany(row => row).ToArray()).reshape(golden.Labels.Length, golden.Labels[0].Length);

    internal static Tensor Mask(LogProbsGolden golden) =>
        torch.tensor(golden.Mask.SelectMany(row => row).ToArray()).reshape(golden.Mask.Length, golden.Mask[0].Length);
}
