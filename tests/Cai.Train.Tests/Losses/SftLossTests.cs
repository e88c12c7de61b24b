using Cai.Train.Losses;
using Cai.Train.Tests.Golden;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Cai.Train.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class SftLossTests
{
    [Fact]
    public void Compute_GoldenLogits_MatchesPythonReference()
    {
        using var scope = torch.NewDisposeScope();
        var golden = LossesGolden.Instance.LogProbs;

        var loss = SftLoss.Compute(SequenceLogProbsTests.Logits(golden), SequenceLogProbsTests.Labels(golden),
            SequenceLogProbsTests.Mask(golden));

        TensorAssert.Close(golden.SftLoss, loss.item<double>(), 1e-9, "sft loss");
    }

    [Fact]
    public void Compute_AllTokensMasked_EqualsShiftedCrossEntropy()
    {
        using var scope = torch.NewDisposeScope();
        var golden = LossesGolden.Instance.LogProbs;
        var logits = SequenceLogProbsTests.Logits(golden); // (B, T, V)
        var labels = torch.tensor(new long[] { 1, 4, 0, 6, 2, 3, 5, 5, 1, 0, 2, 4, 6, 3, 1, 0, 2, 2 }).reshape(3, 6);
        var vocab = logits.shape[2];

        var loss = SftLoss.Compute(logits, labels, torch.ones(3, 6, ScalarType.Bool));
        var reference = F.cross_entropy(logits[.., ..5, ..].reshape(-1, vocab), labels[.., 1..].reshape(-1));

        Assert.Equal(reference.item<double>(), loss.item<double>(), 12);
    }

    [Fact]
    public void Compute_MaskSelectsNothingAfterShift_Throws()
    {
        using var scope = torch.NewDisposeScope();
        var mask = torch.tensor(new[] { true, false, false }).reshape(1, 3);

        var error = Assert.Throws<ArgumentException>(() => SftLoss.Compute(
            torch.zeros(1, 3, 4, ScalarType.Float64), torch.zeros(1, 3, ScalarType.Int64), mask));

        Assert.Equal("mask", error.ParamName);
    }
}
