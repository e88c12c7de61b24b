using Cai.Train.Options;

namespace Cai.Train.Tests.Options;

/// <summary>KTO, reward and SFT options: TRL defaults and validation.</summary>
public sealed class TrainerOptionsTests
{
    [Fact]
    public void KtoOptions_Defaults_MatchTrlKtoConfig()
    {
        var options = new KtoOptions();

        Assert.Equal((0.1, 1.0, 1.0), (options.Beta, options.DesirableWeight, options.UndesirableWeight));
        Assert.Equal((1024, 512), (options.MaxLength, options.MaxPromptLength));
        Assert.Equal(1e-6, options.LearningRate);
        options.Validate();
    }

    [Fact]
    public void RewardOptions_Defaults_MatchTrlRewardConfig()
    {
        var options = new RewardOptions();

        Assert.Null(options.CenterRewardsCoefficient);
        Assert.Equal(1024, options.MaxLength);
        options.Validate();
    }

    [Fact]
    public void SftOptions_Defaults_MatchTrlSftConfig()
    {
        var options = new SftOptions();

        Assert.Equal(2e-5, options.LearningRate);
        Assert.Equal(1024, options.MaxLength);
        Assert.False(options.Packing);
        Assert.False(options.AssistantOnlyLoss);
        Assert.Null(options.CompletionOnlyLoss);
        options.Validate();
    }

    public static TheoryData<TrainingOptions, string> InvalidOptions() => new()
    {
        { new KtoOptions { Beta = 0 }, "beta must be > 0 (got 0)" },
        { new KtoOptions { DesirableWeight = 0 }, "desirable_weight must be > 0 (got 0)" },
        { new KtoOptions { UndesirableWeight = -1 }, "undesirable_weight must be > 0 (got -1)" },
        { new KtoOptions { MaxPromptLength = 2048 }, "max_prompt_length must be < max_length (got 2048 >= 1024)" },
        { new RewardOptions { CenterRewardsCoefficient = -0.01 }, "center_rewards_coefficient must be >= 0 (got -0.01)" },
        { new RewardOptions { LearningRate = -1e-5 }, "learning_rate must be > 0 (got -1E-05)" },
        { new SftOptions { Packing = true, MaxLength = null }, "max_length must be set when packing is true" },
        { new SftOptions { MaxLength = -1 }, "max_length must be > 0 (got -1)" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidOption_ThrowsNamingIt(TrainingOptions options, string message)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith(message, error.Message);
        Assert.Equal(message.Split(' ')[0], error.ParamName);
    }
}
