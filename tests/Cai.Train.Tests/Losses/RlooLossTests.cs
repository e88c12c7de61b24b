using Cai.Train.Losses;
using Cai.Train.Tests.Golden;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class RlooLossTests
{
    private static RlooGolden Golden => OnlineRlGolden.Instance.Rloo;

    public static TheoryData<string> AdvantageCases() => new(Golden.AdvantageCases.Select(c => c.Name));

    public static TheoryData<string> LossCases() => new(Golden.LossCases.Select(c => c.Name));

    [Fact]
    public void SequenceKl_GoldenBatchWithPadding_MatchesPythonReference()
    {
        using var scope = NewDisposeScope();

        var kl = RlooLoss.SequenceKl(TensorAssert.Matrix(Golden.OldPerTokenLogps), TensorAssert.Matrix(Golden.RefPerTokenLogps),
            TensorAssert.Matrix(Golden.CompletionMask));

        TensorAssert.Close(Golden.SequenceKl, kl, 1e-9, "sequence kl");
    }

    [Fact]
    public void TokenMeanKl_GoldenBatchWithPadding_MatchesPythonReference()
    {
        using var scope = NewDisposeScope();

        var kl = RlooLoss.TokenMeanKl(TensorAssert.Matrix(Golden.OldPerTokenLogps), TensorAssert.Matrix(Golden.RefPerTokenLogps),
            TensorAssert.Matrix(Golden.CompletionMask));

        TensorAssert.Close(Golden.Kl, TensorAssert.Scalar(kl), 1e-9, "kl");
    }

    [Fact]
    public void Metrics_UseTrlNames()
    {
        using var scope = NewDisposeScope();
        var advantages = RlooLoss.ComputeAdvantages(TensorAssert.Vector(Golden.Scores), null, Golden.NumGenerations, 0.0, false);
        var loss = RlooLoss.Compute(advantages.Rewards, advantages.Rewards, advantages.Advantages, 0.2, 0.2);

        Assert.Equal(["reward", "reward_std", "frac_reward_zero_std"], advantages.Metrics().Select(m => m.Key));
        Assert.Equal(["clip_ratio/low_mean", "clip_ratio/high_mean", "clip_ratio/region_mean"], loss.Metrics().Select(m => m.Key));
        Assert.Equal(Golden.AdvantageCases.Single(c => c.Name == "beta0").FracRewardZeroStd, advantages.Metrics().Last().Value, 12);
    }

    [Theory]
    [MemberData(nameof(AdvantageCases))]
    public void ComputeAdvantages_GoldenCase_MatchesPythonReference(string name)
    {
        using var scope = NewDisposeScope();
        var expected = Golden.AdvantageCases.Single(c => c.Name == name);

        var result = RlooLoss.ComputeAdvantages(TensorAssert.Vector(Golden.Scores), TensorAssert.Vector(Golden.SequenceKl),
            Golden.NumGenerations, expected.Beta, expected.NormalizeAdvantages);

        TensorAssert.Close(expected.Rewards, result.Rewards, 1e-9, $"{name} rewards");
        TensorAssert.Close(expected.Baselines, result.Baselines, 1e-9, $"{name} baselines");
        TensorAssert.Close(expected.Advantages, result.Advantages, 1e-9, $"{name} advantages");
        TensorAssert.Close(expected.Reward, TensorAssert.Scalar(result.Reward), 1e-9, $"{name} reward");
        TensorAssert.Close(expected.RewardStd, TensorAssert.Scalar(result.RewardStd), 1e-9, $"{name} reward_std");
        TensorAssert.Close(expected.FracRewardZeroStd, TensorAssert.Scalar(result.FracRewardZeroStd), 1e-12, $"{name} frac_reward_zero_std");
    }

    [Fact]
    public void ComputeAdvantages_LeaveOneOut_SumsToZeroWithinEachPrompt()
    {
        using var scope = NewDisposeScope();

        var result = RlooLoss.ComputeAdvantages(TensorAssert.Vector(Golden.Scores), TensorAssert.Vector(Golden.SequenceKl),
            Golden.NumGenerations, beta: 0.05, normalizeAdvantages: false);

        var groupSums = TensorAssert.ToArray(result.Advantages.view(-1, Golden.NumGenerations).sum(-1));
        Assert.All(groupSums, sum => Assert.True(Math.Abs(sum) < 1e-12, $"group advantage sum {sum}"));
    }

    [Theory]
    [MemberData(nameof(LossCases))]
    public void Compute_GoldenCase_MatchesPythonReference(string name)
    {
        using var scope = NewDisposeScope();
        var expected = Golden.LossCases.Single(c => c.Name == name);

        var output = RlooLoss.Compute(TensorAssert.Vector(expected.SequenceLogps), TensorAssert.Vector(expected.OldSequenceLogps),
            TensorAssert.Vector(expected.Advantages), expected.EpsilonLow, expected.EpsilonHigh);

        TensorAssert.Close(expected.Loss, TensorAssert.Scalar(output.Loss), 1e-9, $"{name} loss");
        TensorAssert.Close(expected.ClipRatioLow, TensorAssert.Scalar(output.ClipRatioLow), 1e-12, $"{name} clip low");
        TensorAssert.Close(expected.ClipRatioHigh, TensorAssert.Scalar(output.ClipRatioHigh), 1e-12, $"{name} clip high");
        TensorAssert.Close(expected.ClipRatioRegion, TensorAssert.Scalar(output.ClipRatioRegion), 1e-12, $"{name} clip region");
    }

    [Fact]
    public void Compute_Float32_MatchesPythonReferenceWithinTolerance()
    {
        using var scope = NewDisposeScope();
        var expected = Golden.LossCases[0];

        var output = RlooLoss.Compute(TensorAssert.Vector(expected.SequenceLogps, ScalarType.Float32),
            TensorAssert.Vector(expected.OldSequenceLogps, ScalarType.Float32), TensorAssert.Vector(expected.Advantages, ScalarType.Float32),
            expected.EpsilonLow, expected.EpsilonHigh);

        Assert.Equal(ScalarType.Float32, output.Loss.dtype);
        TensorAssert.Close(expected.Loss, TensorAssert.Scalar(output.Loss), 1e-5, "float32 loss");
    }

    [Fact]
    public void Compute_OnPolicy_GradientIsMinusMeanAdvantageTimesScoreFunction()
    {
        using var scope = NewDisposeScope();
        // At the first pass over a batch the ratio is 1, nothing is clipped and d loss / d log π(y_i) = −A_i / B.
        var logps = torch.tensor(new[] { -3.0, -5.0, -2.0, -4.0 }, dtype: ScalarType.Float64, requires_grad: true);
        var advantages = torch.tensor(new[] { 1.5, -0.5, 0.25, -1.25 }, dtype: ScalarType.Float64);

        var output = RlooLoss.Compute(logps, logps.detach(), advantages, 0.2, 0.2);
        output.Loss.backward();

        TensorAssert.Close([-1.5 / 4, 0.5 / 4, -0.25 / 4, 1.25 / 4], logps.grad!, 1e-12, "gradient");
        Assert.Equal(0.0, TensorAssert.Scalar(output.ClipRatioRegion));
    }

    [Fact]
    public void ComputeAdvantages_BatchNotAMultipleOfK_ThrowsNamingNumGenerations()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() =>
            RlooLoss.ComputeAdvantages(torch.zeros(5, dtype: ScalarType.Float64), null, 2, 0.0, false));

        Assert.Contains("multiple of num_generations 2", error.Message);
    }

    [Fact]
    public void ComputeAdvantages_BetaWithoutKl_Throws()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() =>
            RlooLoss.ComputeAdvantages(torch.zeros(4, dtype: ScalarType.Float64), null, 2, 0.05, false));

        Assert.Equal("sequenceKl", error.ParamName);
    }
}
