using Cai.Core.Constitutions;
using Cai.Core.Options;
using Microsoft.Extensions.AI;

namespace Cai.Core.Tests.Options;

public class SamplingOptionsTests
{
    [Fact]
    public void With_SetValuesReplace_UnsetOnesKeep_AndTheCopyKeepsItsType()
    {
        var stage = new ConstitutionDefaults { Rounds = 3, Temperature = 1.0, MaxTokens = 256 };

        var merged = stage.With(new SamplingOptions { Temperature = 0.8, TopK = 40 });

        var defaults = Assert.IsType<ConstitutionDefaults>(merged);
        Assert.Equal((0.8, (double?)null, (int?)40, (int?)256, 3), (defaults.Temperature, defaults.TopP, defaults.TopK, defaults.MaxTokens, defaults.Rounds));
        Assert.Equal(1.0, stage.Temperature); // the original is untouched
    }

    [Fact]
    public void OrElse_UnsetValuesComeFromTheFallback_SetOnesWin()
    {
        var role = new SamplingOptions { Temperature = 0.8 };

        var merged = role.OrElse(new ConstitutionDefaults { Temperature = 0.7, MaxTokens = 96, TopP = 0.9 });

        Assert.Equal(new SamplingOptions { Temperature = 0.8, MaxTokens = 96, TopP = 0.9 }, merged);
        Assert.Same(role, role.OrElse(null));
    }

    [Fact]
    public void FillUnset_LeavesWhatTheCallSet()
    {
        var call = new ChatOptions { Temperature = 0.2f, Seed = 5 };

        var filled = new SamplingOptions { Temperature = 1.0, TopP = 0.5, TopK = 7, MaxTokens = 12 }.FillUnset(call);

        Assert.Same(call, filled);
        Assert.Equal((0.2f, 0.5f, 7, 12, 5L), (filled.Temperature, filled.TopP, filled.TopK, filled.MaxOutputTokens, filled.Seed));
    }

    [Fact]
    public void ToChatOptions_NothingSet_IsNull()
    {
        Assert.Null(new SamplingOptions().ToChatOptions());
        Assert.Null(new ConstitutionDefaults { Rounds = 2 }.ToChatOptions());
        Assert.Equal(40, new SamplingOptions { TopK = 40 }.ToChatOptions()!.TopK);
    }

    [Theory]
    [InlineData(null, 0.0, null, "TopP must be in (0, 1] (got 0)")]
    [InlineData(-0.1, null, null, "Temperature must be in [0, 100] (got -0.1)")]
    [InlineData(null, null, -1, "TopK must be >= 0 (got -1)")]
    public void Ranges_AreDeclaredOnce_AndCheckedForEveryRecordThatDerives(double? temperature, double? topP, int? topK, string expected)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            OptionRanges.Validate(new ConstitutionDefaults { Temperature = temperature, TopP = topP, TopK = topK }));

        Assert.StartsWith($"ConstitutionDefaults.{expected}", ex.Message);
    }

    [Fact]
    public void Of_IsTheReverseOfToChatOptions()
    {
        var settings = new SamplingOptions { Temperature = 0.5, TopP = 0.25, TopK = 7, MaxTokens = 12 };

        Assert.Equal(settings, SamplingOptions.Of(settings.ToChatOptions()));
        Assert.Equal(new SamplingOptions(), SamplingOptions.Of(null));
    }
}
