using Cai.Train.Losses;
using Cai.Train.Online;
using Cai.Train.Tests.Golden;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class PpoMathGoldenTests
{
    static readonly PpoGolden G = PpoGolden.Instance;

    static Tensor Grid(double[][] rows) => torch.tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length], dtype: ScalarType.Float64);

    static Tensor Mask() => torch.tensor(G.Lengths.SelectMany(n => Enumerable.Range(0, G.Logprobs[0].Length).Select(t => t < n)).ToArray(),
        [G.Lengths.Length, G.Logprobs[0].Length]);

    static void Close(double[][] expected, Tensor actual, string what, double tolerance = 1e-9) =>
        TensorAssert.Close([.. expected.SelectMany(r => r)], actual.flatten(), tolerance, what);

    [Theory]
    [InlineData(KlEstimator.K1)]
    [InlineData(KlEstimator.K3)]
    public void KlEstimate_MatchesGolden_AndIsZeroOnPadding(KlEstimator estimator)
    {
        var kl = PpoMath.KlEstimate(Grid(G.Logprobs), Grid(G.RefLogprobs), Mask(), estimator);

        Close(estimator == KlEstimator.K1 ? G.K1 : G.K3, kl, estimator.ToString());
        if (estimator == KlEstimator.K3)
            Assert.True(kl.ge(0).all().item<bool>(), "k3 is never negative");
    }

    [Fact]
    public void PerTokenRewards_PutTheScoreOnTheLastRealToken()
    {
        var kl = PpoMath.KlEstimate(Grid(G.Logprobs), Grid(G.RefLogprobs), Mask(), KlEstimator.K1);

        var (rewards, nonScore) = PpoMath.PerTokenRewards(kl, torch.tensor(G.Scores, dtype: ScalarType.Float64), Mask(), G.KlCoef);

        Close(G.Rewards, rewards, "rewards");
        Close(G.NonScoreReward, nonScore, "non_score_reward");
        for (var b = 0; b < G.Lengths.Length; b++)
        {
            var last = G.Lengths[b] - 1;
            TensorAssert.Close(G.Scores[b], (rewards[b, last] - nonScore[b, last]).item<double>(), 1e-12, $"score of row {b} at {last}");
        }
    }

    [Fact]
    public void Gae_MatchesGolden()
    {
        foreach (var c in G.Gae)
        {
            var (advantages, returns) = PpoMath.Gae(Grid(G.Rewards), Grid(G.Values), c.Gamma, c.Lam);

            Close(c.Advantages, advantages, $"advantages γ={c.Gamma} λ={c.Lam}");
            Close(c.Returns, returns, $"returns γ={c.Gamma} λ={c.Lam}");
        }
    }

    [Fact]
    public void MaskedStatistics_MatchGolden()
    {
        var advantages = Grid(G.Gae[0].Advantages);

        TensorAssert.Close(G.MaskedMean, PpoMath.MaskedMean(advantages, Mask()).item<double>(), 1e-9, "masked_mean");
        TensorAssert.Close(G.MaskedVar, PpoMath.MaskedVar(advantages, Mask()).item<double>(), 1e-9, "masked_var");
        TensorAssert.Close(G.MaskedVarBiased, PpoMath.MaskedVar(advantages, Mask(), unbiased: false).item<double>(), 1e-9, "masked_var biased");
        Close(G.Whitened, PpoMath.MaskedWhiten(advantages, Mask()), "whitened");
        Close(G.WhitenedNoShift, PpoMath.MaskedWhiten(advantages, Mask(), shiftMean: false), "whitened, mean kept");
    }

    [Fact]
    public void PolicyLoss_MatchesGolden()
    {
        foreach (var c in G.Policy)
        {
            var result = PpoMath.PolicyLoss(Grid(G.NewLogprobs), Grid(G.Logprobs), Grid(G.Whitened), Mask(), c.Cliprange);

            TensorAssert.Close(c.Loss, result.Loss.item<double>(), 1e-9, $"loss ε={c.Cliprange}");
            TensorAssert.Close(c.ClipFraction, result.ClipFraction.item<double>(), 1e-12, $"clipfrac ε={c.Cliprange}");
            TensorAssert.Close(c.ApproxKl, result.ApproxKl.item<double>(), 1e-9, "approxkl");
            TensorAssert.Close(c.Ratio, result.Ratio.item<double>(), 1e-9, "ratio");
        }
    }

    [Fact]
    public void ValueLoss_MatchesGolden()
    {
        foreach (var c in G.Value)
        {
            var result = PpoMath.ValueLoss(Grid(G.Vpred), Grid(G.Values), Grid(G.Gae[0].Returns), Mask(), c.CliprangeValue);

            TensorAssert.Close(c.Loss, result.Loss.item<double>(), 1e-9, $"value loss ε={c.CliprangeValue}");
            TensorAssert.Close(c.ClipFraction, result.ClipFraction.item<double>(), 1e-12, $"value clipfrac ε={c.CliprangeValue}");
        }
    }

    [Fact]
    public void PolicyLoss_OfTheSamplingPolicy_HasRatioOneNoKlNoClipping()
    {
        var result = PpoMath.PolicyLoss(Grid(G.Logprobs), Grid(G.Logprobs), Grid(G.Whitened), Mask(), 0.2);

        Assert.Equal(1.0, result.Ratio.item<double>(), 12);
        Assert.Equal(0.0, result.ApproxKl.item<double>());
        Assert.Equal(0.0, result.ClipFraction.item<double>());
        // With ρ = 1 the loss is −mean(A), which whitening makes 0.
        Assert.Equal(0.0, result.Loss.item<double>(), 9);
    }

    [Fact]
    public void AdaptiveKlController_MatchesGolden_AndAFixedOneStays()
    {
        var a = G.AdaptiveKl;
        var adaptive = new AdaptiveKlController(a.Init, a.Target, a.Horizon, adaptive: true);
        var fixedCoef = new AdaptiveKlController(a.Init, a.Target, a.Horizon, adaptive: false);
        for (var i = 0; i < a.Observations.Length; i++)
        {
            adaptive.Update(a.Observations[i], a.NSteps);
            fixedCoef.Update(a.Observations[i], a.NSteps);
            TensorAssert.Close(a.Values[i], adaptive.Value, 1e-12, $"kl_coef after {i + 1}");
        }

        Assert.Equal(a.Init, fixedCoef.Value);
    }
}
