using Cai.Train.Losses;
using Cai.Train.Tests.Golden;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class DpoLossGoldenTests
{
    private static readonly Dictionary<string, DpoLossType> LossTypes = new()
    {
        ["sigmoid"] = DpoLossType.Sigmoid,
        ["hinge"] = DpoLossType.Hinge,
        ["ipo"] = DpoLossType.Ipo,
        ["robust"] = DpoLossType.Robust,
        ["simpo"] = DpoLossType.SimPo,
        ["soft_label"] = DpoLossType.SoftLabel,
    };

    public static TheoryData<string> CaseNames() => new(LossesGolden.Instance.Dpo.Cases.Select(c => c.Name));

    [Fact]
    public void GoldenFile_CoversEveryLossType()
    {
        var covered = LossesGolden.Instance.Dpo.Cases.Select(c => LossTypes[c.LossType]).ToHashSet();

        Assert.Equal(Enum.GetValues<DpoLossType>().ToHashSet(), covered);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Compute_GoldenCaseInFloat64_MatchesPythonReference(string name)
    {
        using var scope = torch.NewDisposeScope();
        var golden = LossesGolden.Instance.Dpo;
        var expected = golden.Cases.Single(c => c.Name == name);

        var output = Compute(golden, expected, ScalarType.Float64);

        TensorAssert.Close(expected.Losses, output.Losses, 1e-9, $"{name} losses");
        TensorAssert.Close(expected.ChosenRewards, output.ChosenRewards, 1e-9, $"{name} chosen rewards");
        TensorAssert.Close(expected.RejectedRewards, output.RejectedRewards, 1e-9, $"{name} rejected rewards");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Compute_GoldenCaseInFloat32_MatchesPythonReferenceWithinTolerance(string name)
    {
        using var scope = torch.NewDisposeScope();
        var golden = LossesGolden.Instance.Dpo;
        var expected = golden.Cases.Single(c => c.Name == name);

        var output = Compute(golden, expected, ScalarType.Float32);

        Assert.Equal(ScalarType.Float32, output.Losses.dtype);
        TensorAssert.Close(expected.Losses, output.Losses, 1e-5, $"{name} losses");
        TensorAssert.Close(expected.ChosenRewards, output.ChosenRewards, 1e-5, $"{name} chosen rewards");
    }

    private static DpoLossOutput Compute(DpoGolden golden, DpoGoldenCase expected, ScalarType dtype)
    {
        var input = new DpoLossInput(
            TensorAssert.Vector(golden.PolicyChosen, dtype), TensorAssert.Vector(golden.PolicyRejected, dtype),
            TensorAssert.Vector(golden.ReferenceChosen, dtype), TensorAssert.Vector(golden.ReferenceRejected, dtype))
        {
            ChosenTokenCounts = TensorAssert.Vector(golden.ChosenTokenCounts, dtype),
            RejectedTokenCounts = TensorAssert.Vector(golden.RejectedTokenCounts, dtype),
            LabelProbs = TensorAssert.Vector(golden.LabelProbs, dtype),
        };
        var parameters = new DpoLossParameters(expected.Beta, expected.LabelSmoothing, expected.SimpoGamma, expected.ReferenceFree);
        return DpoLoss.Compute(LossTypes[expected.LossType], input, parameters);
    }
}
