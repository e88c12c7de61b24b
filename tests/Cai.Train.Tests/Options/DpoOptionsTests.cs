using Cai.Train.Losses;
using Cai.Train.Options;

namespace Cai.Train.Tests.Options;

public sealed class DpoOptionsTests
{
    [Fact]
    public void Defaults_MatchTrlDpoConfig()
    {
        var options = new DpoOptions();

        Assert.Equal(0.1, options.Beta);
        Assert.Equal(DpoLossType.Sigmoid, options.LossType);
        Assert.Equal(0.0, options.LabelSmoothing);
        Assert.Equal(1024, options.MaxLength);
        Assert.Equal(512, options.MaxPromptLength);
        Assert.Null(options.MaxCompletionLength);
        Assert.Equal(TruncationMode.KeepEnd, options.TruncationMode);
        Assert.False(options.PrecomputeRefLogProbs);
        Assert.False(options.ReferenceFree);
        Assert.Equal(1e-6, options.LearningRate);
        Assert.Equal(10, options.LoggingSteps);
        Assert.Equal(8, options.PerDeviceTrainBatchSize);
        options.Validate();
    }

    [Fact]
    public void ToLossParameters_CopiesLossSettings()
    {
        var options = new DpoOptions { Beta = 2.0, LabelSmoothing = 0.1, SimpoGamma = 1.2, ReferenceFree = true };

        Assert.Equal(new DpoLossParameters(2.0, 0.1, 1.2, true), options.ToLossParameters());
    }

    public static TheoryData<DpoOptions, string> InvalidOptions() => new()
    {
        { new DpoOptions { Beta = -1 }, "beta must be > 0 (got -1)" },
        { new DpoOptions { LabelSmoothing = 0.5 }, "label_smoothing must be in [0, 0.5) (got 0.5)" },
        { new DpoOptions { LossType = (DpoLossType)99 }, "loss_type has no value 99" },
        { new DpoOptions { SimpoGamma = double.PositiveInfinity }, "simpo_gamma must be finite (got Infinity)" },
        { new DpoOptions { MaxLength = 0 }, "max_length must be > 0 (got 0)" },
        { new DpoOptions { MaxPromptLength = 1024 }, "max_prompt_length must be < max_length (got 1024 >= 1024)" },
        { new DpoOptions { MaxCompletionLength = -3 }, "max_completion_length must be > 0 (got -3)" },
        { new DpoOptions { GradientAccumulationSteps = 0 }, "gradient_accumulation_steps must be > 0 (got 0)" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidOption_ThrowsNamingIt(DpoOptions options, string message)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith(message, error.Message);
        Assert.Equal(message.Split(' ')[0], error.ParamName);
    }

    [Fact]
    public void Validate_NoLengthLimits_IsAccepted()
    {
        new DpoOptions { MaxLength = null, MaxPromptLength = null }.Validate();
    }
}
