using Cai.Pipeline.Config;
using Cai.Pipeline.Providers;
using Cai.Pipeline.Tests.Runner;

namespace Cai.Pipeline.Tests.Config;

/// <summary><c>models.&lt;role&gt;</c> binds onto <see cref="ModelOptions"/>: its ranges, its defaults, its located errors.</summary>
public sealed class ModelOptionsConfigTests : IDisposable
{
    const string Head = """
        prompts: { path: prompts.jsonl }
        constitution: c.yaml
        models:
        """;

    readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    string File => Path.Combine(dir.Path, "pipeline.yaml");

    PipelineConfig Parse(string models) => PipelineConfigLoader.Parse(Head + "\n" + models, File, null, _ => null);

    IReadOnlyList<string> Errors(string models) =>
        [.. Assert.Throws<PipelineConfigException>(() => Parse(models)).Diagnostics.Select(d => d.ToString())];

    [Theory]
    [InlineData("temperature: 150", "4:50: models.policy.temperature: must be a number in [0, 100], got '150'")]
    [InlineData("max_tokens: 0", "4:49: models.policy.max_tokens: must be an integer in [1, 32768], got '0'")]
    [InlineData("top_p: 0", "4:44: models.policy.top_p: must be a number in (0, 1], got '0'")]
    [InlineData("max_concurrency: 5000", "4:54: models.policy.max_concurrency: must be an integer in [1, 1024], got '5000'")]
    [InlineData("requests_per_minute: 0", "4:58: models.policy.requests_per_minute: must be an integer >= 1, got '0'")]
    [InlineData("timeout: 0", "4:46: models.policy.timeout: must be a number in [0.001, 86400], got '0'")]
    [InlineData("max_retries: -1", "4:50: models.policy.max_retries: must be an integer >= 0, got '-1'")]
    [InlineData("retry_base_delay: 7200", "4:55: models.policy.retry_base_delay: must be a number in [0.001, 3600], got '7200'")]
    [InlineData("threads: 0", "4:46: models.policy.threads: must be an integer >= 1, got '0'")]
    public void Parse_ValueOutsideTheDeclaredRange_OneLocatedError(string option, string expected) =>
        Assert.Equal([$"{File}:{expected}"], Errors($$"""  policy: { spec: "local:tiny.bin", {{option}} }"""));

    [Fact]
    public void Parse_PolicySamplingSettings_FillWhatGenerateLeavesOut_TheRecordTheRest()
    {
        var config = Parse("""
              policy: { spec: "local:tiny.bin", temperature: 0.8, top_k: 40, top_p: 0.5 }
            generate: { top_p: 0.9 }
            """);

        var generate = config.Generate;
        Assert.Equal((0.8, 0.9, 40, 256), (generate.Temperature, generate.TopP, generate.TopK, generate.MaxTokens));
        Assert.Equal((0.8, 0.5, 40), (config.Policy.Options.Temperature, config.Policy.Options.TopP, config.Policy.Options.TopK));
    }

    [Fact]
    public void Parse_MisspelledKey_LocatedWithDidYouMean() =>
        Assert.Equal([$"{File}:4:37: models.policy.max_concurency: unknown key 'max_concurency', did you mean 'max_concurrency'?"],
            Errors("""  policy: { spec: "local:tiny.bin", max_concurency: 4 }"""));

    [Fact]
    public void Parse_ResilienceKeyMisspelled_OffersTheHandReadKey() =>
        Assert.Equal([$"{File}:6:5: models.critic.max_retry: unknown key 'max_retry', did you mean 'max_retries'?"],
            Errors("""
                  policy: local:tiny.bin
                  critic:
                    max_retry: 2
                    spec: rules
                """));

    [Fact]
    public void Parse_Options_BindOntoTheRecordAndKeepItsDefaults()
    {
        var config = Parse("""
              policy:
                spec: openai:gpt-4o-mini
                timeout: 2.5
                tokens_per_minute: 90000
                connector: semantic-kernel
                max_retries: 0
                retry_base_delay: 120
            """);

        var options = config.Policy.Options;
        var defaults = new ModelOptions();
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Timeout);
        Assert.Equal(90_000, options.TokensPerMinute);
        Assert.Equal(ChatConnector.SemanticKernel, options.Connector);
        Assert.Equal(defaults.MaxConcurrency, options.MaxConcurrency);
        Assert.Null(options.Temperature);
        // A base delay above the default cap raises the cap with it.
        Assert.Equal((0, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(120)),
            (options.Resilience.MaxRetryAttempts, options.Resilience.BaseDelay, options.Resilience.MaxDelay));
        Assert.Equal(defaults, config.Critic.Options);
    }

    [Fact]
    public void Validate_CodeBuiltOptions_SameRangesAsTheConfig()
    {
        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => new ModelOptions { MaxConcurrency = 5000 }.Validate());
        var timeout = Assert.Throws<ArgumentOutOfRangeException>(() => new ModelOptions { Timeout = TimeSpan.Zero }.Validate());
        var retries = Assert.Throws<ArgumentOutOfRangeException>(
            () => new ModelOptions { Resilience = new() { MaxRetryAttempts = -1 } }.Validate());

        Assert.StartsWith("ModelOptions.MaxConcurrency must be in [1, 1024] (got 5000).", tooMany.Message);
        Assert.StartsWith("ModelOptions.Timeout must be in [0.001, 86400] seconds (got 0).", timeout.Message);
        Assert.StartsWith("ResilienceOptions.MaxRetryAttempts must be >= 0 (got -1).", retries.Message);
    }

    [Fact]
    public void Validate_KeyVariableThatIsNoName_NamesTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() => new ModelOptions { ApiKeyEnvironmentVariable = "sk-123" }.Validate());

        Assert.Equal(nameof(ModelOptions.ApiKeyEnvironmentVariable), e.ParamName);
        new ModelOptions { ApiKeyEnvironmentVariable = "VLLM_API_KEY" }.Validate();
    }
}
