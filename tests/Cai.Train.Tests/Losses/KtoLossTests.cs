using Cai.Train.Losses;
using Cai.Train.Tests.Golden;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class KtoLossTests
{
    public static TheoryData<string> CaseNames() => new(LossesGolden.Instance.Kto.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Compute_GoldenCase_MatchesPythonReference(string name)
    {
        using var scope = torch.NewDisposeScope();
        var golden = LossesGolden.Instance.Kto.Single(c => c.Name == name);

        var output = Compute(golden, policyChosen: TensorAssert.Vector(golden.PolicyChosen));

        TensorAssert.Close(golden.Losses, output.Losses, 1e-9, $"{name} losses");
        TensorAssert.Close(golden.ChosenRewards, output.ChosenRewards, 1e-9, $"{name} chosen rewards");
        TensorAssert.Close(golden.RejectedRewards, output.RejectedRewards, 1e-9, $"{name} rejected rewards");
        TensorAssert.Close(golden.Kl, output.Kl.item<double>(), 1e-9, $"{name} kl");
    }

    [Fact]
    public void Compute_NegativeKlEstimate_ClampsReferencePointToZero()
    {
        using var scope = torch.NewDisposeScope();
        var golden = LossesGolden.Instance.Kto.Single(c => c.Name == "negative_kl_clamped");

        var output = Compute(golden, policyChosen: TensorAssert.Vector(golden.PolicyChosen));

        Assert.Equal(0.0, output.Kl.item<double>());
    }

    [Fact]
    public void Compute_Backward_ReachesChosenAndRejectedButNotTheKlBatch()
    {
        using var scope = torch.NewDisposeScope();
        var golden = LossesGolden.Instance.Kto[0];
        var policyChosen = TensorAssert.Vector(golden.PolicyChosen).requires_grad_();
        var policyRejected = TensorAssert.Vector(golden.PolicyRejected).requires_grad_();
        var policyKl = TensorAssert.Vector(golden.PolicyKl).requires_grad_();

        var output = KtoLoss.Compute(policyChosen, policyRejected, policyKl, TensorAssert.Vector(golden.ReferenceChosen),
            TensorAssert.Vector(golden.ReferenceRejected), TensorAssert.Vector(golden.ReferenceKl), golden.Beta);
        output.Losses.mean().backward();

        foreach (var grad in new[] { policyChosen.grad, policyRejected.grad })
        {
            Assert.NotNull(grad);
            Assert.All(TensorAssert.ToArray(grad), g => Assert.True(double.IsFinite(g) && g != 0.0));
        }

        // z₀ is detached, as in the paper and TRL: the KL batch only shifts the reference point.
        Assert.Null(policyKl.grad);
    }

    [Fact]
    public void Compute_NoUndesirableExamples_ReturnsOnlyDesirableLosses()
    {
        using var scope = torch.NewDisposeScope();
        var empty = torch.empty(0, ScalarType.Float64);

        var output = KtoLoss.Compute(TensorAssert.Vector([-5.0, -6.0]), empty, TensorAssert.Vector([-7.0]),
            TensorAssert.Vector([-5.0, -6.0]), empty, TensorAssert.Vector([-7.0]), beta: 0.1);

        // Equal policy and reference: z₀ = 0 and every log-ratio is 0, so each loss is 1 − σ(0) = 0.5.
        Assert.Equal([0.5, 0.5], TensorAssert.ToArray(output.Losses));
        Assert.Equal(0, output.RejectedRewards.shape[0]);
    }

    [Fact]
    public void Compute_NonPositiveBeta_ThrowsNamingBeta()
    {
        using var scope = torch.NewDisposeScope();
        var one = TensorAssert.Vector([-1.0]);

        var error = Assert.Throws<ArgumentException>(() => KtoLoss.Compute(one, one, one, one, one, one, beta: -0.5));

        Assert.StartsWith("beta must be > 0 (got -0.5)", error.Message);
    }

    [Fact]
    public void Compute_ReferenceShapeDiffersFromPolicy_ThrowsNamingIt()
    {
        using var scope = torch.NewDisposeScope();
        var three = TensorAssert.Vector([-1.0, -2.0, -3.0]);
        var one = TensorAssert.Vector([-1.0]);

        var error = Assert.Throws<ArgumentException>(() => KtoLoss.Compute(three, one, one, one, one, one, beta: 0.1));

        Assert.Equal("referenceChosen", error.ParamName);
    }

    private static KtoLossOutput Compute(KtoGolden golden, Tensor policyChosen) =>
        KtoLoss.Compute(policyChosen, TensorAssert.Vector(golden.PolicyRejected), TensorAssert.Vector(golden.PolicyKl),
            TensorAssert.Vector(golden.ReferenceChosen), TensorAssert.Vector(golden.ReferenceRejected),
            TensorAssert.Vector(golden.ReferenceKl), golden.Beta, golden.DesirableWeight, golden.UndesirableWeight);
}
