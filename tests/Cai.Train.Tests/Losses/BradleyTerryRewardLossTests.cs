using Cai.Train.Losses;
using Cai.Train.Tests.Golden;
using TorchSharp;

namespace Cai.Train.Tests.Losses;

[Collection(TorchCollection.Name)]
public sealed class BradleyTerryRewardLossTests
{
    public static TheoryData<string> CaseNames() => new(LossesGolden.Instance.Reward.Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Compute_GoldenCase_MatchesPythonReference(string name)
    {
        using var scope = torch.NewDisposeScope();
        var golden = LossesGolden.Instance.Reward;
        var expected = golden.Cases.Single(c => c.Name == name);

        var loss = BradleyTerryRewardLoss.Compute(TensorAssert.Vector(golden.Chosen), TensorAssert.Vector(golden.Rejected),
            expected.UseMargin ? TensorAssert.Vector(golden.Margin) : null, expected.CenterRewardsCoefficient);

        Assert.Equal(0, loss.ndim);
        TensorAssert.Close(expected.Loss, loss.item<double>(), 1e-9, name);
    }

    [Fact]
    public void Compute_EqualRewards_GivesLn2()
    {
        using var scope = torch.NewDisposeScope();
        var rewards = TensorAssert.Vector([0.3, -1.2, 2.0]);

        var loss = BradleyTerryRewardLoss.Compute(rewards, rewards);

        Assert.Equal(Math.Log(2.0), loss.item<double>(), 14);
    }

    [Fact]
    public void Compute_Backward_RaisesChosenAndLowersRejected()
    {
        using var scope = torch.NewDisposeScope();
        var chosen = TensorAssert.Vector([0.5, -0.25]).requires_grad_();
        var rejected = TensorAssert.Vector([0.75, -1.0]).requires_grad_();

        BradleyTerryRewardLoss.Compute(chosen, rejected, centerRewardsCoefficient: 0.01).backward();

        // Gradient descent moves against the gradient: chosen rewards go up, rejected go down.
        Assert.All(TensorAssert.ToArray(chosen.grad!), g => Assert.True(g < 0, $"chosen grad {g}"));
        Assert.All(TensorAssert.ToArray(rejected.grad!), g => Assert.True(g > 0, $"rejected grad {g}"));
    }

    [Fact]
    public void Compute_MarginShapeDiffers_ThrowsNamingMargin()
    {
        using var scope = torch.NewDisposeScope();
        var rewards = TensorAssert.Vector([0.3, -1.2, 2.0]);

        var error = Assert.Throws<ArgumentException>(
            () => BradleyTerryRewardLoss.Compute(rewards, rewards, margin: TensorAssert.Vector([1.0, 2.0])));

        Assert.Equal("margin", error.ParamName);
        Assert.Contains("shape [2]", error.Message);
    }
}
