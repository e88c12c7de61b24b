using Cai.Train.Losses;
using Cai.Train.Online;
using Cai.Train.Tests.Golden;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class OnlineDpoLossTests
{
    private static readonly Dictionary<string, DpoLossType> LossTypes = new() { ["sigmoid"] = DpoLossType.Sigmoid, ["ipo"] = DpoLossType.Ipo };

    private static OnlineDpoGolden Golden => OnlineRlGolden.Instance.OnlineDpo;

    public static TheoryData<string> Cases() => new(Golden.Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void PenaliseThenPreferByScoreThenCompute_GoldenCase_MatchesPythonReference(string name)
    {
        using var scope = NewDisposeScope();
        var expected = Golden.Cases.Single(c => c.Name == name);

        var plan = new RolloutPlan(Golden.Scores.Length / 2, 2, true, 1, 1.0, Golden.Scores.Length, 1) { MissingEosPenalty = expected.MissingEosPenalty };
        var scores = TensorAssert.Vector([.. plan.Penalise(Golden.Scores, Golden.ContainsEos)]);
        var firstIsChosen = OnlineDpoLoss.PreferByScore(scores);
        var output = OnlineDpoLoss.Compute(LossTypes[expected.LossType], TensorAssert.Vector(Golden.SequenceLogps),
            TensorAssert.Vector(Golden.RefSequenceLogps), firstIsChosen, expected.Beta);

        TensorAssert.Close(expected.Scores, scores, 1e-12, $"{name} scores");
        Assert.Equal(expected.FirstIsChosen, firstIsChosen.data<bool>().ToArray());
        Assert.Equal(expected.ChosenIndices, output.ChosenIndices.data<long>().ToArray());
        Assert.Equal(expected.RejectedIndices, output.RejectedIndices.data<long>().ToArray());
        TensorAssert.Close(expected.Losses, output.Losses, 1e-9, $"{name} losses");
        TensorAssert.Close(expected.ChosenRewards, output.ChosenRewards, 1e-9, $"{name} chosen rewards");
        TensorAssert.Close(expected.RejectedRewards, output.RejectedRewards, 1e-9, $"{name} rejected rewards");
    }

    [Fact]
    public void Metrics_UseTrlNamesAndMeans()
    {
        using var scope = NewDisposeScope();
        var expected = Golden.Cases.Single(c => c.Name == "sigmoid");
        var output = OnlineDpoLoss.Compute(DpoLossType.Sigmoid, TensorAssert.Vector(Golden.SequenceLogps),
            TensorAssert.Vector(Golden.RefSequenceLogps), torch.tensor(expected.FirstIsChosen), expected.Beta);

        var metrics = output.Metrics().ToDictionary();

        Assert.Equal(["rewards/chosen", "rewards/rejected", "rewards/margins", "rewards/accuracies"], metrics.Keys);
        Assert.Equal(expected.ChosenRewards.Average(), metrics["rewards/chosen"], 12);
        Assert.Equal(expected.ChosenRewards.Zip(expected.RejectedRewards, (c, r) => c > r ? 1.0 : 0.0).Average(), metrics["rewards/accuracies"], 12);
    }

    [Fact]
    public void Compute_SwappedHalvesAndFlippedPreference_GivesTheSameLosses()
    {
        using var scope = NewDisposeScope();
        var logps = TensorAssert.Vector(Golden.SequenceLogps);
        var refs = TensorAssert.Vector(Golden.RefSequenceLogps);
        var first = torch.tensor(new[] { true, false, true, false });
        var n = Golden.SequenceLogps.Length / 2;

        var original = OnlineDpoLoss.Compute(DpoLossType.Sigmoid, logps, refs, first, 0.1);
        var swapped = OnlineDpoLoss.Compute(DpoLossType.Sigmoid, torch.cat([logps[n..], logps[..n]], 0),
            torch.cat([refs[n..], refs[..n]], 0), first.logical_not(), 0.1);

        TensorAssert.Close(TensorAssert.ToArray(original.Losses), swapped.Losses, 1e-12, "losses");
    }

    [Fact]
    public void Compute_UnsupportedLossType_ThrowsNamingIt()
    {
        using var scope = NewDisposeScope();
        var values = torch.zeros(4, dtype: ScalarType.Float64);

        var error = Assert.Throws<ArgumentException>(() =>
            OnlineDpoLoss.Compute(DpoLossType.Hinge, values, values, torch.ones(2, dtype: ScalarType.Bool), 0.1));

        Assert.Contains("sigmoid and ipo", error.Message);
    }
}
