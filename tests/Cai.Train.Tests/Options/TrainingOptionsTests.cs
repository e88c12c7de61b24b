using Cai.Train.Options;
using Cai.Train.Schedules;

namespace Cai.Train.Tests.Options;

public sealed class TrainingOptionsTests
{
    [Fact]
    public void Defaults_MatchTrainingArguments()
    {
        var options = new TrainingOptions();

        Assert.Equal(5e-5, options.LearningRate);
        Assert.Equal(8, options.PerDeviceTrainBatchSize);
        Assert.Equal(1, options.GradientAccumulationSteps);
        Assert.Equal(3.0, options.NumTrainEpochs);
        Assert.Equal(-1, options.MaxSteps);
        Assert.Equal(LrSchedulerType.Linear, options.LrSchedulerType);
        Assert.Equal((0.0, 0), (options.WarmupRatio, options.WarmupSteps));
        Assert.Equal((0.9, 0.999, 1e-8), (options.AdamBeta1, options.AdamBeta2, options.AdamEpsilon));
        Assert.Equal(1.0, options.MaxGradNorm);
        Assert.Equal(42, options.Seed);
        options.Validate();
    }

    [Theory]
    [InlineData(-1, 10, 30)]
    [InlineData(-1, 7, 21)]
    [InlineData(5, 7, 5)]
    public void GetTotalSteps_EpochsOrMaxSteps_FollowsTrainingArguments(int maxSteps, int perEpoch, int expected)
    {
        var options = new TrainingOptions { MaxSteps = maxSteps };

        Assert.Equal(expected, options.GetTotalSteps(perEpoch));
    }

    [Fact]
    public void GetTotalSteps_FractionalEpochs_RoundsUp()
    {
        Assert.Equal(15, new TrainingOptions { NumTrainEpochs = 1.5 }.GetTotalSteps(10 - 0));
        Assert.Equal(4, new TrainingOptions { NumTrainEpochs = 0.5 }.GetTotalSteps(7));
    }

    [Theory]
    [InlineData(0, 0.1, 95, 10)]
    [InlineData(4, 0.1, 95, 4)]
    [InlineData(0, 0.0, 95, 0)]
    public void GetWarmupSteps_StepsOverRatio_RoundsRatioUp(int warmupSteps, double ratio, int total, int expected)
    {
        var options = new TrainingOptions { WarmupSteps = warmupSteps, WarmupRatio = ratio };

        Assert.Equal(expected, options.GetWarmupSteps(total));
    }

    [Fact]
    public void CreateSchedule_UsesOptions()
    {
        var options = new TrainingOptions { LearningRate = 2e-4, LrSchedulerType = LrSchedulerType.Cosine, WarmupRatio = 0.1 };

        var schedule = options.CreateSchedule(50);

        Assert.Equal(new LearningRateSchedule(LrSchedulerType.Cosine, 2e-4, 5, 50), schedule);
    }

    public static TheoryData<TrainingOptions, string> InvalidOptions() => new()
    {
        { new TrainingOptions { LearningRate = 0 }, "learning_rate must be > 0 (got 0)" },
        { new TrainingOptions { PerDeviceTrainBatchSize = 0 }, "per_device_train_batch_size must be > 0 (got 0)" },
        { new TrainingOptions { GradientAccumulationSteps = -2 }, "gradient_accumulation_steps must be > 0 (got -2)" },
        { new TrainingOptions { NumTrainEpochs = 0 }, "num_train_epochs must be > 0 (got 0)" },
        { new TrainingOptions { WarmupRatio = 1.5 }, "warmup_ratio must be in [0, 1) (got 1.5)" },
        { new TrainingOptions { WarmupSteps = -1 }, "warmup_steps must be >= 0 (got -1)" },
        { new TrainingOptions { AdamBeta2 = 1.0 }, "adam_beta2 must be in [0, 1) (got 1)" },
        { new TrainingOptions { MaxGradNorm = double.NaN }, "max_grad_norm must be >= 0 (got NaN)" },
        { new TrainingOptions { LrSchedulerType = (LrSchedulerType)42 }, "lr_scheduler_type has no value 42" },
        { new TrainingOptions { EvalSteps = 0 }, "eval_steps must be > 0 (got 0)" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidOption_ThrowsNamingIt(TrainingOptions options, string message)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith(message, error.Message);
        Assert.Equal(message.Split(' ')[0], error.ParamName);
    }

    [Fact]
    public void Validate_MaxStepsSet_AllowsZeroEpochs()
    {
        new TrainingOptions { MaxSteps = 10, NumTrainEpochs = 0 }.Validate();
    }
}
