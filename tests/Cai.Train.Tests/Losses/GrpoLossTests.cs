using Cai.Train.Losses;
using Cai.Train.Tests.Golden;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class GrpoLossTests
{
    private static readonly Dictionary<string, GrpoScaleRewards> ScaleRewards = new()
    {
        ["group"] = GrpoScaleRewards.Group,
        ["batch"] = GrpoScaleRewards.Batch,
        ["none"] = GrpoScaleRewards.None,
    };

    private static readonly Dictionary<string, GrpoLossType> LossTypes = new()
    {
        ["grpo"] = GrpoLossType.Grpo,
        ["bnpo"] = GrpoLossType.Bnpo,
        ["dr_grpo"] = GrpoLossType.DrGrpo,
        ["dapo"] = GrpoLossType.Dapo,
    };

    private static GrpoGolden Golden => OnlineRlGolden.Instance.Grpo;

    public static TheoryData<string> ScaleCases() => new(Golden.AdvantageCases.Select(c => c.ScaleRewards));

    public static TheoryData<string> LossCases() => new(Golden.LossCases.Select(c => c.Name));

    [Fact]
    public void GoldenFile_CoversEveryScaleRewardsAndLossType()
    {
        Assert.Equal(Enum.GetValues<GrpoScaleRewards>().ToHashSet(), Golden.AdvantageCases.Select(c => ScaleRewards[c.ScaleRewards]).ToHashSet());
        Assert.Equal(Enum.GetValues<GrpoLossType>().ToHashSet(), Golden.LossCases.Select(c => LossTypes[c.LossType]).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(ScaleCases))]
    public void ComputeAdvantages_GoldenCase_MatchesPythonReference(string scale)
    {
        using var scope = NewDisposeScope();
        var expected = Golden.AdvantageCases.Single(c => c.ScaleRewards == scale);

        var result = GrpoLoss.ComputeAdvantages(TensorAssert.Vector(Golden.Rewards), Golden.NumGenerations, ScaleRewards[scale]);

        TensorAssert.Close(expected.Advantages, result.Advantages, 1e-9, $"{scale} advantages");
        TensorAssert.Close(expected.Reward, TensorAssert.Scalar(result.Reward), 1e-9, $"{scale} reward");
        TensorAssert.Close(expected.RewardStd, TensorAssert.Scalar(result.RewardStd), 1e-9, $"{scale} reward_std");
        TensorAssert.Close(expected.FracRewardZeroStd, TensorAssert.Scalar(result.FracRewardZeroStd), 1e-12, $"{scale} frac_reward_zero_std");
    }

    [Fact]
    public void ComputeAdvantages_IdenticalGroup_GetsZeroAdvantageAndCountsAsZeroStd()
    {
        using var scope = NewDisposeScope();
        var rewards = torch.tensor(new[] { 1.0, 1.0, 1.0, 0.0, 1.0, 0.5 }, dtype: ScalarType.Float64);

        var result = GrpoLoss.ComputeAdvantages(rewards, 3, GrpoScaleRewards.Group);

        TensorAssert.Close([0.0, 0.0, 0.0], result.Advantages[..3], 1e-12, "solved group");
        TensorAssert.Close(0.5, TensorAssert.Scalar(result.FracRewardZeroStd), 1e-12, "frac_reward_zero_std");
    }

    [Fact]
    public void PerTokenKl_K3_MatchesPythonReferenceAndIsNonNegative()
    {
        using var scope = NewDisposeScope();

        var kl = GrpoLoss.PerTokenKl(TensorAssert.Matrix(Golden.PerTokenLogps), TensorAssert.Matrix(Golden.RefPerTokenLogps));

        TensorAssert.Close(Golden.PerTokenKl.SelectMany(r => r).ToArray(), kl.flatten(), 1e-9, "k3");
        Assert.True(kl.ge(0).all().item<bool>());
        Assert.Equal(0.0, TensorAssert.Scalar(GrpoLoss.PerTokenKl(kl, kl).abs().max()));
    }

    [Fact]
    public void CompletionLengths_PaddedMask_MatchPythonReference()
    {
        using var scope = NewDisposeScope();

        var (mean, min, max) = GrpoLoss.CompletionLengths(TensorAssert.Matrix(Golden.CompletionMask));

        Assert.Equal(Golden.CompletionLengths.Mean, TensorAssert.Scalar(mean), 12);
        Assert.Equal(Golden.CompletionLengths.Min, TensorAssert.Scalar(min));
        Assert.Equal(Golden.CompletionLengths.Max, TensorAssert.Scalar(max));
    }

    [Fact]
    public void Metrics_UseTrlNames_KlOnlyWithBeta()
    {
        using var scope = NewDisposeScope();
        var withKl = Compute(Golden.LossCases.Single(c => c.Name == "bnpo_beta0.04"), ScalarType.Float64);
        var withoutKl = Compute(Golden.LossCases.Single(c => c.Name == "bnpo"), ScalarType.Float64);
        var advantages = GrpoLoss.ComputeAdvantages(TensorAssert.Vector(Golden.Rewards), Golden.NumGenerations, GrpoScaleRewards.Group);

        Assert.Equal(["kl", "clip_ratio/low_mean", "clip_ratio/high_mean", "clip_ratio/region_mean"], withKl.Metrics().Select(m => m.Key));
        Assert.DoesNotContain("kl", withoutKl.Metrics().Select(m => m.Key));
        Assert.Equal(["reward", "reward_std", "frac_reward_zero_std"], advantages.Metrics().Select(m => m.Key));
        Assert.Equal(["completions/mean_length", "completions/min_length", "completions/max_length"],
            GrpoLoss.CompletionLengthMetrics(TensorAssert.Matrix(Golden.CompletionMask)).Select(m => m.Key));
    }

    [Theory]
    [MemberData(nameof(LossCases))]
    public void Compute_GoldenCaseWithUnequalLengths_MatchesPythonReference(string name)
    {
        using var scope = NewDisposeScope();
        var expected = Golden.LossCases.Single(c => c.Name == name);

        var output = Compute(expected, ScalarType.Float64);

        TensorAssert.Close(expected.Loss, TensorAssert.Scalar(output.Loss), 1e-9, $"{name} loss");
        if (expected.Kl is { } kl)
        {
            TensorAssert.Close(kl, TensorAssert.Scalar(output.Kl!), 1e-9, $"{name} kl");
        }
        else
        {
            Assert.Null(output.Kl);
        }

        TensorAssert.Close(expected.ClipRatioLow, TensorAssert.Scalar(output.ClipRatioLow), 1e-12, $"{name} clip low");
        TensorAssert.Close(expected.ClipRatioHigh, TensorAssert.Scalar(output.ClipRatioHigh), 1e-12, $"{name} clip high");
        TensorAssert.Close(expected.ClipRatio, TensorAssert.Scalar(output.ClipRatio), 1e-12, $"{name} clip ratio");
    }

    [Theory]
    [MemberData(nameof(LossCases))]
    public void Compute_GoldenCaseInFloat32_MatchesWithinTolerance(string name)
    {
        using var scope = NewDisposeScope();
        var expected = Golden.LossCases.Single(c => c.Name == name);

        var output = Compute(expected, ScalarType.Float32);

        Assert.Equal(ScalarType.Float32, output.Loss.dtype);
        TensorAssert.Close(expected.Loss, TensorAssert.Scalar(output.Loss), 1e-5, $"{name} float32 loss");
    }

    [Fact]
    public void Compute_OnPolicyDapo_GradientIsMinusAdvantageOverTokenCount()
    {
        using var scope = NewDisposeScope();
        // num_iterations 1: ratio 1, no clipping, and each real token's gradient is −A_i / (real tokens).
        var logps = torch.tensor(new[] { -1.0, -2.0, -3.0, -0.5, -0.7, -9.0 }, [2, 3], dtype: ScalarType.Float64, requires_grad: true);
        var mask = torch.tensor(new[] { 1.0, 1.0, 1.0, 1.0, 0.0, 0.0 }, [2, 3], dtype: ScalarType.Float64);
        var advantages = torch.tensor(new[] { 2.0, -1.0 }, dtype: ScalarType.Float64);

        var output = GrpoLoss.Compute(new GrpoLossInput(logps, advantages, mask), new GrpoLossParameters(GrpoLossType.Dapo, 0.0, 0.2, 0.2));
        output.Loss.backward();

        TensorAssert.Close([-0.5, -0.5, -0.5, 0.25, 0.0, 0.0], logps.grad!.flatten(), 1e-12, "gradient");
        Assert.Equal(0.0, TensorAssert.Scalar(output.ClipRatio));
    }

    [Theory]
    [InlineData(GrpoLossType.Grpo)]
    [InlineData(GrpoLossType.DrGrpo)]
    [InlineData(GrpoLossType.Dapo)]
    public void Compute_TwoMicroBatchesAccumulated_EqualOneFullBatch(GrpoLossType lossType)
    {
        using var scope = NewDisposeScope();
        // TRL's normalisers make gradient accumulation invisible for these types: grpo and dr_grpo divide by the
        // accumulation steps, dapo by the generation batch's token count (bnpo divides by each micro-batch's own count).
        var (full, fullGrad) = LossAndGrad(lossType, rows: 0..4, accumulation: 1);
        var (first, firstGrad) = LossAndGrad(lossType, rows: 0..2, accumulation: 2);
        var (second, secondGrad) = LossAndGrad(lossType, rows: 2..4, accumulation: 2);

        TensorAssert.Close(full, first + second, 1e-12, $"{lossType} loss");
        TensorAssert.Close(TensorAssert.ToArray(fullGrad), cat([firstGrad, secondGrad], 0), 1e-12, $"{lossType} gradient");
    }

    static (double Loss, Tensor Grad) LossAndGrad(GrpoLossType lossType, Range rows, int accumulation)
    {
        var logps = TensorAssert.Matrix(Golden.PerTokenLogps)[rows].detach().requires_grad_(true);
        var mask = TensorAssert.Matrix(Golden.CompletionMask);
        var input = new GrpoLossInput(logps, TensorAssert.Vector(Golden.Advantages)[rows], mask[rows])
        {
            OldPerTokenLogps = TensorAssert.Matrix(Golden.OldPerTokenLogps)[rows],
            RefPerTokenLogps = TensorAssert.Matrix(Golden.RefPerTokenLogps)[rows],
        };
        var parameters = new GrpoLossParameters(lossType, 0.04, 0.2, 0.28)
        {
            MaxCompletionLength = 8, GradientAccumulationSteps = accumulation, NumItemsInBatch = mask[0..4].sum().ToDouble(),
        };
        var loss = GrpoLoss.Compute(input, parameters).Loss;
        loss.backward();
        return (loss.ToDouble(), logps.grad!.flatten());
    }

    [Fact]
    public void Compute_DrGrpoWithoutMaxCompletionLength_ThrowsNamingIt()
    {
        using var scope = NewDisposeScope();
        var input = new GrpoLossInput(torch.zeros(1, 2, dtype: ScalarType.Float64), torch.zeros(1, dtype: ScalarType.Float64),
            torch.ones(1, 2, dtype: ScalarType.Float64));

        var error = Assert.Throws<ArgumentException>(() =>
            GrpoLoss.Compute(input, new GrpoLossParameters(GrpoLossType.DrGrpo, 0.0, 0.2, 0.2)));

        Assert.Equal("max_completion_length", error.ParamName);
    }

    [Fact]
    public void Compute_BetaWithoutReference_Throws()
    {
        using var scope = NewDisposeScope();
        var input = new GrpoLossInput(torch.zeros(1, 2, dtype: ScalarType.Float64), torch.zeros(1, dtype: ScalarType.Float64),
            torch.ones(1, 2, dtype: ScalarType.Float64));

        var error = Assert.Throws<ArgumentException>(() =>
            GrpoLoss.Compute(input, new GrpoLossParameters(GrpoLossType.Bnpo, 0.04, 0.2, 0.2)));

        Assert.Contains("RefPerTokenLogps", error.Message);
    }

    private static GrpoLossOutput Compute(GrpoLossCase expected, ScalarType dtype)
    {
        var input = new GrpoLossInput(TensorAssert.Matrix(Golden.PerTokenLogps, dtype), TensorAssert.Vector(Golden.Advantages, dtype),
            TensorAssert.Matrix(Golden.CompletionMask, dtype))
        {
            OldPerTokenLogps = TensorAssert.Matrix(Golden.OldPerTokenLogps, dtype),
            RefPerTokenLogps = TensorAssert.Matrix(Golden.RefPerTokenLogps, dtype),
        };
        var parameters = new GrpoLossParameters(LossTypes[expected.LossType], expected.Beta, expected.EpsilonLow, expected.EpsilonHigh)
        {
            MaxCompletionLength = expected.MaxCompletionLength,
            NumItemsInBatch = expected.NumItemsInBatch,
            GradientAccumulationSteps = expected.GradientAccumulationSteps,
        };
        return GrpoLoss.Compute(input, parameters);
    }
}
