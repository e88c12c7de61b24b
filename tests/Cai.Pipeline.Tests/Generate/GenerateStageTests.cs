using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Pipeline.Generate;
using Cai.TestKit.Fakes;

namespace Cai.Pipeline.Tests.Generate;

public sealed class GenerateStageTests
{
    static readonly PromptRecord Prompt = PromptRecord.FromText("Tell a story about a cat.", "p1");

    [Fact]
    public async Task ProcessAsync_ThreeSamples_IdsIndicesAndSamplingRecorded()
    {
        var client = new FakeChatClient((messages, options) => $"{messages[^1].Text} seed={options!.Seed}");
        var stage = new GenerateStage(client, "fake:policy",
            new GenerateOptions { SamplesPerPrompt = 3, Temperature = 0.7, TopP = 0.9, MaxTokens = 32, Seed = 42 });

        var result = await stage.ProcessAsync(Prompt, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(["p1-s0", "p1-s1", "p1-s2"], result.Outputs.Select(s => s.Id));
        Assert.Equal([0, 1, 2], result.Outputs.Select(s => s.SampleIndex));
        var second = result.Outputs[1];
        var seed = SeededRandom.DeriveSeed(42, "p1-s1");
        Assert.Equal(new SamplingParameters { Temperature = 0.7, TopP = 0.9, MaxTokens = 32, Seed = seed },
            second.Sampling);
        Assert.Equal(seed, second.Seed);
        Assert.Equal("fake:policy", second.Model);
        Assert.Equal($"Tell a story about a cat. seed={seed}", second.Response.Content);
        Assert.Equal(Prompt.Messages, second.Messages);
        var call = client.Calls[1].Options!;
        Assert.Equal((0.7f, 0.9f, 32, (long)seed), (call.Temperature!.Value, call.TopP!.Value, call.MaxOutputTokens!.Value, call.Seed!.Value));
    }

    [Fact]
    public async Task ProcessAsync_SameSeed_SameSeedsWhateverTheOrder()
    {
        var other = PromptRecord.FromText("Another.", "p2");
        var a = new GenerateStage(new FakeChatClient((_, o) => o!.Seed.ToString()!), "m", new GenerateOptions { Seed = 5 });
        var b = new GenerateStage(new FakeChatClient((_, o) => o!.Seed.ToString()!), "m", new GenerateOptions { Seed = 5 });

        var first = (await a.ProcessAsync(Prompt, default)).Outputs.Concat((await a.ProcessAsync(other, default)).Outputs);
        var reversed = (await b.ProcessAsync(other, default)).Outputs.Concat((await b.ProcessAsync(Prompt, default)).Outputs);

        Assert.Equal(first.OrderBy(s => s.Id).Select(s => s.Response.Content), reversed.OrderBy(s => s.Id).Select(s => s.Response.Content));
        Assert.NotEqual(first.First().Seed, first.Skip(1).First().Seed);
    }

    [Fact]
    public async Task ProcessAsync_DifferentRunSeed_DifferentSampleSeeds()
    {
        var a = await new GenerateStage(new FakeChatClient("x"), "m", new GenerateOptions { Seed = 1 }).ProcessAsync(Prompt, default);
        var b = await new GenerateStage(new FakeChatClient("x"), "m", new GenerateOptions { Seed = 2 }).ProcessAsync(Prompt, default);

        Assert.NotEqual(a.Outputs[0].Seed, b.Outputs[0].Seed);
    }

    [Fact]
    public void Constructor_ZeroSamples_ThrowsNamingOption()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => new GenerateStage(new FakeChatClient("x"), "m", new GenerateOptions { SamplesPerPrompt = 0 }));
        Assert.Equal("SamplesPerPrompt", ex.ParamName);
    }

    [Theory]
    [InlineData(150.0, null, "GenerateOptions.Temperature must be in [0, 100] (got 150).")]
    [InlineData(null, 0.0, "GenerateOptions.TopP must be in (0, 1] (got 0).")]
    public void Validate_OutsideTheDeclaredRange_ThrowsWithTheBinderBounds(double? temperature, double? topP, string expected)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new GenerateOptions { Temperature = temperature, TopP = topP }.Validate());

        Assert.StartsWith(expected, ex.Message);
    }
}
