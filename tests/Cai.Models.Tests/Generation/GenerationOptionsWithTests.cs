using Cai.Core.Options;
using Cai.Models.Generation;

namespace Cai.Models.Tests.Generation;

public class GenerationOptionsWithTests
{
    [Fact]
    public void With_SetSamplingSettingsReplace_TheEnginesDefaultsFillTheRest()
    {
        var engine = new GenerationOptions { Seed = 9, NumReturnSequences = 3 };

        var resolved = engine.With(new SamplingOptions { TopK = 40, MaxTokens = 64 });

        Assert.Equal((64, 1.0, 1.0, 40, 9L, 3), (resolved.MaxNewTokens, resolved.Temperature, resolved.TopP, resolved.TopK, resolved.Seed, resolved.NumReturnSequences));
        Assert.Equal(SamplingOptions.DefaultMaxTokens, engine.With(new SamplingOptions()).MaxNewTokens);
        Assert.Same(engine, engine.With(null));
    }
}
