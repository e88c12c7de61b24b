using Cai.Train.Losses;
using Cai.Train.Options;

namespace Cai.Train.Tests.Options;

public sealed class OnlineRlOptionsTests
{
    [Fact]
    public void GrpoDefaults_MatchTrlGrpoConfig()
    {
        var options = new GrpoOptions();

        Assert.Equal(8, options.NumGenerations);
        Assert.Equal(0.0, options.Beta);
        Assert.Equal(0.2, options.Epsilon);
        Assert.Null(options.EpsilonHigh);
        Assert.Equal(0.2, options.EffectiveEpsilonHigh);
        Assert.Equal(GrpoLossType.Dapo, options.LossType);
        Assert.Equal(GrpoScaleRewards.Group, options.ScaleRewards);
        Assert.Equal(1, options.NumIterations);
        Assert.Equal(256, options.MaxCompletionLength);
        Assert.Equal(512, options.MaxPromptLength);
        Assert.Equal(1.0, options.Temperature);
        Assert.Equal(1e-6, options.LearningRate);
        Assert.Equal(10, options.LoggingSteps);
        options.Validate();
    }

    [Fact]
    public void RlooDefaults_MatchTrlRlooConfig()
    {
        var options = new RlooOptions();

        Assert.Equal(2, options.NumGenerations);
        Assert.Equal(0.05, options.Beta);
        Assert.Equal(0.2, options.Epsilon);
        Assert.False(options.NormalizeAdvantages);
        Assert.Equal(1e-6, options.LearningRate);
        options.Validate();
    }

    [Fact]
    public void OnlineDpoDefaults_MatchTrlOnlineDpoConfig()
    {
        var options = new OnlineDpoOptions();

        Assert.Equal(0.1, options.Beta);
        Assert.Equal(DpoLossType.Sigmoid, options.LossType);
        Assert.Null(options.MissingEosPenalty);
        Assert.Equal(64, options.MaxNewTokens);
        Assert.Equal(0.9, options.Temperature);
        Assert.Equal(5e-7, options.LearningRate);
        options.Validate();
    }

    [Fact]
    public void GrpoToLossParameters_CarriesNormaliserInputs()
    {
        var options = new GrpoOptions { LossType = GrpoLossType.DrGrpo, Beta = 0.04, EpsilonHigh = 0.28, GradientAccumulationSteps = 2 };

        var parameters = options.ToLossParameters(numItemsInBatch: 123);

        Assert.Equal(new GrpoLossParameters(GrpoLossType.DrGrpo, 0.04, 0.2, 0.28)
        {
            MaxCompletionLength = 256, NumItemsInBatch = 123, GradientAccumulationSteps = 2,
        }, parameters);
    }

    public static TheoryData<TrainingOptions, string> InvalidOptions() => new()
    {
        { new GrpoOptions { NumGenerations = 1 }, "num_generations must be >= 2 (got 1)" },
        { new GrpoOptions { NumGenerations = 3 }, "num_generations must divide the generation batch" },
        { new GrpoOptions { LossType = (GrpoLossType)9 }, "loss_type has no value 9" },
        { new GrpoOptions { ScaleRewards = (GrpoScaleRewards)9 }, "scale_rewards has no value 9" },
        { new GrpoOptions { Epsilon = 1.0 }, "epsilon must be in [0, 1) (got 1)" },
        { new GrpoOptions { EpsilonHigh = -0.1 }, "epsilon_high must be >= 0 (got -0.1)" },
        { new RlooOptions { Beta = -0.05 }, "beta must be >= 0 (got -0.05)" },
        { new RlooOptions { Temperature = 0 }, "temperature must be > 0 (got 0)" },
        { new RlooOptions { TopP = 1.5 }, "top_p must be in (0, 1] (got 1.5)" },
        { new RlooOptions { NumIterations = 0 }, "num_iterations must be > 0 (got 0)" },
        { new OnlineDpoOptions { LossType = DpoLossType.Hinge }, "loss_type must be sigmoid or ipo for online DPO (got Hinge)" },
        { new OnlineDpoOptions { MissingEosPenalty = -1 }, "missing_eos_penalty must be >= 0 (got -1)" },
        { new OnlineDpoOptions { MaxNewTokens = 512 }, "max_new_tokens must be < max_length (got 512 >= 512)" },
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
