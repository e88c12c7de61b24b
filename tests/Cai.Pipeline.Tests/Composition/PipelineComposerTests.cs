using Cai.Pipeline.Composition;
using Cai.Pipeline.Config;
using Cai.Pipeline.Tests.Runner;
using Cai.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cai.Pipeline.Tests.Composition;

public sealed class PipelineComposerTests : IDisposable
{
    readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    PipelineConfig Config(string extra = "") => PipelineConfigLoader.Parse($"""
        prompts: {"{"} path: p.jsonl {"}"}
        constitution: {SharedData.Repo("constitutions", "kind-stories.yaml")}
        models:
          policy: openai-compatible:m@http://127.0.0.1:9/v1
          critic: rules
        {extra}
        """, Path.Combine(dir.Path, "pipeline.yaml"), environment: _ => null);

    [Fact]
    public async Task Compose_DefaultConfig_GenerateReviseGroupPrefsAndKeylessManifest()
    {
        using var clients = new ModelClients(_ => null, NullLoggerFactory.Instance, TimeProvider.System);

        await using var pipeline = PipelineComposer.Compose(Config(), Path.Combine(dir.Path, "run"), clients, false,
            NullLoggerFactory.Instance, TimeProvider.System);

        Assert.Equal(["generate", "revise", "group", "prefs"], pipeline.Steps.Select(s => s.Name));
        Assert.Equal("kind-stories", pipeline.Manifest.Constitution);
        Assert.Equal(pipeline.Constitution.Hash, pipeline.Manifest.ConstitutionHash);
        Assert.Equal("openai-compatible:m@http://127.0.0.1:9/v1", pipeline.Manifest.Models!["reviser"]);
        Assert.Equal("run", pipeline.Manifest.RunId);
        Assert.True(File.Exists(Path.Combine(dir.Path, "run", "generate.jsonl")));
    }

    [Theory]
    [InlineData("{ spec: M }", 0.7f, null)]                                  // kind-stories suggests temperature 0.7
    [InlineData("{ spec: M, temperature: 0.8, max_tokens: 96 }", 0.8f, 96)] // the role's own settings win
    [InlineData("{ spec: M, max_tokens: 96 }", 0.7f, 96)]                   // and the constitution fills the rest
    public void StageChat_RoleSettingsOverTheConstitutionsSuggestedDefaults(string reviser, float temperature, int? maxTokens)
    {
        var config = Config($"  reviser: {reviser.Replace("M", "\"openai-compatible:r@http://127.0.0.1:9/v1\"", StringComparison.Ordinal)}");
        var constitution = Core.Constitutions.ConstitutionLoader.LoadOrThrow(config.Constitution);

        var chat = PipelineComposer.StageChat(config.Reviser, constitution)!;

        Assert.Equal(0.7, constitution.Defaults.Temperature);
        Assert.Equal((temperature, maxTokens), (chat.Temperature, chat.MaxOutputTokens));
    }

    [Fact]
    public async Task Compose_ZeroRoundsFeedbackOnly_SkipsRevise()
    {
        using var clients = new ModelClients(_ => null, NullLoggerFactory.Instance, TimeProvider.System);

        await using var pipeline = PipelineComposer.Compose(Config("revise: { rounds: 0 }\npairs: { modes: [feedback] }"),
            Path.Combine(dir.Path, "run"), clients, false, NullLoggerFactory.Instance, TimeProvider.System);

        Assert.Equal(["generate", "group", "prefs"], pipeline.Steps.Select(s => s.Name));
    }

    [Fact]
    public void Compose_ZeroRoundsWithRevisionPairs_ThrowsExplaining()
    {
        using var clients = new ModelClients(_ => null, NullLoggerFactory.Instance, TimeProvider.System);

        var ex = Assert.Throws<ArgumentException>(() => PipelineComposer.Compose(Config("revise: { rounds: 0 }"),
            Path.Combine(dir.Path, "run"), clients, false, NullLoggerFactory.Instance, TimeProvider.System));

        Assert.Contains("revise.rounds is 0", ex.Message);
    }
}
