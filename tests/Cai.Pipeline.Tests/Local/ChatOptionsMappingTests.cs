using Cai.Core.Options;
using Cai.Models.Hf;
using Cai.Pipeline.Local;
using Microsoft.Extensions.AI;

namespace Cai.Pipeline.Tests.Local;

public sealed class ChatOptionsMappingTests
{
    static readonly LocalChatClientOptions Settings = new() { DefaultMaxOutputTokens = 40 };

    // A checkpoint that asks for greedy decoding, 100 new tokens and a nucleus of 0.9 (do_sample false outranks its temperature).
    static readonly HfGenerationConfig Greedy = new()
    {
        Sampling = new SamplingOptions { Temperature = 0, TopP = 0.9, MaxTokens = 100 },
        DoSample = false,
    };

    [Fact]
    public void ToGenerationOptions_NothingSet_IsTheEnginesDefaults()
    {
        var g = ChatOptionsMapping.ToGenerationOptions(null, null, [], Settings);

        Assert.Equal((40, 1.0, 1.0, 0), (g.MaxNewTokens, g.Temperature, g.TopP, g.TopK));
    }

    [Fact]
    public void ToGenerationOptions_CallLeavesSettingsUnset_TakesTheCheckpoints()
    {
        var g = ChatOptionsMapping.ToGenerationOptions(new ChatOptions { TopK = 5 }, Greedy, [], Settings);

        Assert.Equal((100, 0.0, 0.9, 5), (g.MaxNewTokens, g.Temperature, g.TopP, g.TopK));
    }

    [Fact]
    public void ToGenerationOptions_CallSetsSettings_OutranksTheCheckpoint()
    {
        var call = new ChatOptions { Temperature = 0.5f, TopP = 0.5f, MaxOutputTokens = 7, Seed = 3, StopSequences = ["\n"] };

        var g = ChatOptionsMapping.ToGenerationOptions(call, Greedy, ["</s>"], Settings);

        Assert.Equal((7, 0.5, 0.5, 0, 3L), (g.MaxNewTokens, g.Temperature, g.TopP, g.TopK, g.Seed));
        Assert.Equal(["</s>", "\n"], g.StopStrings);
    }
}
