using Cai.Pipeline.Config;
using Cai.Pipeline.Tests.Runner;

namespace Cai.Pipeline.Tests.Config;

/// <summary>The model options that decide where a key may go (<c>api_key_env</c>, <c>allow_insecure</c>) and what a spec records.</summary>
public sealed class ModelKeyConfigTests : IDisposable
{
    readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    PipelineConfig Parse(string policy, Dictionary<string, string>? env = null) => PipelineConfigLoader.Parse($$"""
        prompts: { path: prompts.jsonl }
        constitution: kind.yaml
        models:
          policy:
        {{policy}}
        """, Path.Combine(dir.Path, "pipeline.yaml"), null, name => env is not null && env.TryGetValue(name, out var v) ? v : null);

    [Fact]
    public void Parse_ApiKeyEnvAndAllowInsecure_BindToModelOptions()
    {
        var config = Parse("""
                spec: openai-compatible:m@http://gpu-box:8000/v1
                api_key_env: VLLM_API_KEY
                allow_insecure: true
            """);

        Assert.Equal("VLLM_API_KEY", config.Policy.Options.ApiKeyEnvironmentVariable);
        Assert.True(config.Policy.Options.AllowInsecure);
        Assert.False(config.Critic.Options.AllowInsecure);
        Assert.Null(config.Critic.Options.ApiKeyEnvironmentVariable);
    }

    [Fact]
    public void Parse_ApiKeyEnvNotAVariableName_ErrorNamesLineAndField()
    {
        var e = Assert.Throws<PipelineConfigException>(() => Parse("""
                spec: openai-compatible:m@http://localhost:8000/v1
                api_key_env: sk-not-a-name
            """));

        var error = Assert.Single(e.Diagnostics).ToString();
        Assert.Contains(":6:", error);
        Assert.Contains("models.policy.api_key_env: expected an environment variable name", error);
    }

    [Fact]
    public void Parse_InterpolatedSpec_ConnectsToTheValueButRecordsTheText()
    {
        var config = Parse("""
                spec: openai-compatible:m@${VLLM_URL}
            """, new() { ["VLLM_URL"] = "https://vllm.internal/v1" });

        Assert.Equal("openai-compatible:m@https://vllm.internal/v1", config.Policy.Spec);
        Assert.Equal("openai-compatible:m@${VLLM_URL}", config.Policy.SpecAsWritten);
        Assert.DoesNotContain("vllm.internal", System.Text.Json.JsonSerializer.Serialize(config.Policy));
    }
}
