using Cai.Train.Losses;
using Cai.Train.Tests.Golden;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class DpoLossTests
{
    private static readonly double[] PolicyChosen = [-12.5, -30.25, -7.0, -18.0];
    private static readonly double[] PolicyRejected = [-14.0, -29.0, -9.5, -17.25];
    private static readonly double[] ReferenceChosen = [-13.0, -31.0, -8.0, -16.5];
    private static readonly double[] ReferenceRejected = [-13.5, -28.0, -9.0, -18.0];

    public static TheoryData<DpoLossType> AllTypes() => new(Enum.GetValues<DpoLossType>());

    [Theory]
    [InlineData(0.1, 0.0)]
    [InlineData(0.5, 0.2)]
    public void Compute_PolicyEqualsReference_GivesLn2AndZeroRewards(double beta, double labelSmoothing)
    {
        using var scope = torch.NewDisposeScope();
        var input = new DpoLossInput(Vector(PolicyChosen), Vector(PolicyRejected), Vector(PolicyChosen), Vector(PolicyRejected));

        var output = DpoLoss.Compute(DpoLossType.Sigmoid, input, new DpoLossParameters(beta, labelSmoothing));

        Assert.All(TensorAssert.ToArray(output.Losses), loss => Assert.Equal(Math.Log(2.0), loss, 14));
        Assert.All(TensorAssert.ToArray(output.ChosenRewards), reward => Assert.Equal(0.0, reward));
        Assert.All(TensorAssert.ToArray(output.RejectedRewards), reward => Assert.Equal(0.0, reward));
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Compute_Backward_GivesFiniteNonZeroGradientsOnPolicyOnly(DpoLossType type)
    {
        using var scope = torch.NewDisposeScope();
        var policyChosen = Vector(PolicyChosen).requires_grad_();
        var policyRejected = Vector(PolicyRejected).requires_grad_();
        var referenceChosen = Vector(ReferenceChosen);
        var input = new DpoLossInput(policyChosen, policyRejected, referenceChosen, Vector(ReferenceRejected))
        {
            ChosenTokenCounts = Vector([5, 9, 3, 7]),
            RejectedTokenCounts = Vector([6, 8, 4, 7]),
            LabelProbs = Vector([0.9, 0.6, 0.75, 0.55]),
        };

        var output = DpoLoss.Compute(type, input, new DpoLossParameters(0.1, 0.1));
        output.Losses.mean().backward();

        foreach (var grad in new[] { policyChosen.grad, policyRejected.grad })
        {
            Assert.NotNull(grad);
            var values = TensorAssert.ToArray(grad);
            Assert.All(values, g => Assert.True(double.IsFinite(g)));
            Assert.Contains(values, g => g != 0.0);
        }

        Assert.Null(referenceChosen.grad);
        Assert.False(output.ChosenRewards.requires_grad);
        Assert.False(output.RejectedRewards.requires_grad);
    }

    [Fact]
    public void Compute_EquivalentVariantsAtTheirLimits_AgreeWithSigmoid()
    {
        using var scope = torch.NewDisposeScope();
        var input = PairInput() with { LabelProbs = torch.ones(4, ScalarType.Float64) };
        var parameters = new DpoLossParameters(0.3);

        var sigmoid = DpoLoss.Compute(DpoLossType.Sigmoid, input, parameters).Losses;
        var h = input.PolicyChosen - input.PolicyRejected - (input.ReferenceChosen - input.ReferenceRejected);
        var explicitZeroSmoothing = -torch.nn.functional.logsigmoid(h * 0.3); // Rafailov et al. 2023, Eq. 7
        var robust = DpoLoss.Compute(DpoLossType.Robust, input, parameters with { LabelSmoothing = 0.0 }).Losses;
        var softLabel = DpoLoss.Compute(DpoLossType.SoftLabel, input, parameters).Losses;

        var expected = TensorAssert.ToArray(sigmoid);
        TensorAssert.Close(expected, explicitZeroSmoothing, 1e-14, "label_smoothing 0");
        TensorAssert.Close(expected, robust, 1e-14, "robust with ε = 0");
        TensorAssert.Close(expected, softLabel, 1e-14, "soft label with p = 1");
    }

    [Fact]
    public void Compute_SoftLabelWithConstantTarget_EqualsConservativeDpo()
    {
        using var scope = torch.NewDisposeScope();
        var input = PairInput() with { LabelProbs = torch.full(4, 0.85, ScalarType.Float64) };

        var soft = DpoLoss.Compute(DpoLossType.SoftLabel, input, new DpoLossParameters(0.2)).Losses;
        var conservative = DpoLoss.Compute(DpoLossType.Sigmoid, input, new DpoLossParameters(0.2, 0.15)).Losses;

        TensorAssert.Close(TensorAssert.ToArray(conservative), soft, 1e-12, "p = 1 − ε");
    }

    [Fact]
    public void Compute_Ipo_NormalisesLogProbsByTokenCounts()
    {
        using var scope = torch.NewDisposeScope();
        double[] chosenCounts = [5, 9, 3, 7], rejectedCounts = [6, 8, 4, 7];
        var input = PairInput() with { ChosenTokenCounts = Vector(chosenCounts), RejectedTokenCounts = Vector(rejectedCounts) };

        var output = DpoLoss.Compute(DpoLossType.Ipo, input, new DpoLossParameters(0.5));

        // TRL's ipo branch: every log-prob divided by its completion's length, then (h − 1/(2β))² and β-scaled rewards.
        var expected = Enumerable.Range(0, 4).Select(i =>
        {
            var h = (PolicyChosen[i] - ReferenceChosen[i]) / chosenCounts[i] - (PolicyRejected[i] - ReferenceRejected[i]) / rejectedCounts[i];
            return (h - 1.0) * (h - 1.0);
        }).ToArray();
        TensorAssert.Close(expected, output.Losses, 1e-12, "ipo losses");
        TensorAssert.Close(Enumerable.Range(0, 4).Select(i => 0.5 * (PolicyChosen[i] - ReferenceChosen[i]) / chosenCounts[i]).ToArray(),
            output.ChosenRewards, 1e-12, "ipo chosen rewards");
    }

    [Fact]
    public void Compute_ReferenceFree_IgnoresReferenceInLoss()
    {
        using var scope = torch.NewDisposeScope();
        var input = PairInput();
        var zeroReference = input with { ReferenceChosen = torch.zeros(4, ScalarType.Float64), ReferenceRejected = torch.zeros(4, ScalarType.Float64) };

        var free = DpoLoss.Compute(DpoLossType.Sigmoid, input, new DpoLossParameters(0.1, ReferenceFree: true)).Losses;
        var zero = DpoLoss.Compute(DpoLossType.Sigmoid, zeroReference, new DpoLossParameters(0.1)).Losses;

        TensorAssert.Close(TensorAssert.ToArray(zero), free, 1e-14, "reference_free");
    }

    [Fact]
    public void Compute_SimPoWithEmptyCompletion_StaysFinite()
    {
        using var scope = torch.NewDisposeScope();
        var input = new DpoLossInput(Vector([0.0, -6.0]), Vector([-4.0, -3.0]), Vector([0.0, 0.0]), Vector([0.0, 0.0]))
        {
            ChosenTokenCounts = Vector([0, 3]),
            RejectedTokenCounts = Vector([2, 3]),
        };

        var output = DpoLoss.Compute(DpoLossType.SimPo, input, new DpoLossParameters(2.0, SimpoGamma: 0.5));

        Assert.All(TensorAssert.ToArray(output.Losses), loss => Assert.True(double.IsFinite(loss)));
        Assert.Equal([0.0, -4.0], TensorAssert.ToArray(output.ChosenRewards));
    }

    [Fact]
    public void RewardMarginsAndAccuracies_FollowRewards()
    {
        using var scope = torch.NewDisposeScope();

        var output = DpoLoss.Compute(DpoLossType.Sigmoid, PairInput(), new DpoLossParameters(0.5));

        // Chosen rewards 0.5·(pc − rc) = [0.25, 0.375, 0.5, −0.75]; rejected 0.5·(pr − rr) = [−0.25, −0.5, −0.25, 0.375].
        TensorAssert.Close([0.5, 0.875, 0.75, -1.125], output.RewardMargins(), 1e-14, "margins");
        Assert.Equal([1.0, 1.0, 1.0, 0.0], TensorAssert.ToArray(output.RewardAccuracies()));
    }

    internal static DpoLossInput PairInput() =>
        new(Vector(PolicyChosen), Vector(PolicyRejected), Vector(ReferenceChosen), Vector(ReferenceRejected));

    private static Tensor Vector(double[] values) => TensorAssert.Vector(values);
}
