using Cai.Preference;
using Cai.Pipeline.Config;
using Cai.Pipeline.Prompts;
using Cai.Pipeline.Tests.Runner;

namespace Cai.Pipeline.Tests.Config;

public sealed class PipelineConfigLoaderTests : IDisposable
{
    const string Minimal = """
        prompts:
          path: prompts.jsonl
        constitution: ../c/kind.yaml
        models:
          policy: local:models/tiny.bin
        """;

    readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    PipelineConfig Parse(string yaml, IEnumerable<string>? set = null, Dictionary<string, string>? env = null) =>
        PipelineConfigLoader.Parse(yaml, Path.Combine(dir.Path, "pipeline.yaml"), set,
            name => env is not null && env.TryGetValue(name, out var v) ? v : null);

    IReadOnlyList<string> Errors(string yaml) =>
        [.. Assert.Throws<PipelineConfigException>(() => Parse(yaml)).Diagnostics.Select(d => d.ToString())];

    [Fact]
    public void Parse_Minimal_ResolvesPathsAgainstConfigFolderAndFillsRoleDefaults()
    {
        var config = Parse(Minimal);

        Assert.Equal(Path.Combine(dir.Path, "prompts.jsonl"), config.Prompts.Path);
        Assert.Equal(Path.GetFullPath(Path.Combine(dir.Path, "../c/kind.yaml")), config.Constitution);
        Assert.Equal("local:" + Path.Combine(dir.Path, "models/tiny.bin"), config.Policy.Spec);
        Assert.Equal("rules", config.Critic.Spec);
        Assert.Equal(config.Policy, config.Reviser);
        Assert.Equal("rules", config.Feedback.Spec);
        Assert.Equal(Path.Combine(dir.Path, "runs", "pipeline"), config.RunDir);
        Assert.Equal([PairMode.Revision, PairMode.Feedback], config.Pairs.Modes);
        Assert.True(config.Revise.FewShot);
    }

    [Fact]
    public void Parse_FullConfig_ReadsEverySection()
    {
        var config = Parse("""
            run_dir: out/run1
            seed: 11
            prompts: { path: hh.jsonl.gz, format: hh-rlhf, limit: 50 }
            constitution: c.yaml
            models:
              policy: { spec: "openai-compatible:m@http://localhost:8000/v1", temperature: 0.5, max_tokens: 64, max_concurrency: 3, decode_workers: 2, requests_per_minute: 60, timeout: 2.5, threads: 3 }
              critic: openai:gpt-4o-mini
            generate: { samples_per_prompt: 4, top_p: 0.9, max_parallelism: 16 }
            revise: { rounds: 3, max_parallelism: 2, few_shot: false }
            pairs:
              modes: feedback
              feedback: { both_orders: true, cot: true, clamp: [0.3, 0.7], ensemble: 5, min_confidence: 0.2, pairing: all }
              filters: { drop_duplicates: false, max_length: 500 }
              test_fraction: 0.2
              exports: [jsonl, kto]
            runner: { channel_capacity: 8 }
            """);

        Assert.Equal((11L, PromptFormat.HhRlhf, 50), (config.Seed, config.Prompts.Format, config.Prompts.Limit!.Value));
        Assert.Equal(Path.Combine(dir.Path, "out/run1"), config.RunDir);
        Assert.Equal((0.5, 64, 3, 60, TimeSpan.FromSeconds(2.5)), (config.Policy.Options.Temperature!.Value,
            config.Policy.Options.MaxTokens!.Value, config.Policy.Options.MaxConcurrency,
            config.Policy.Options.RequestsPerMinute!.Value, config.Policy.Options.Timeout));
        Assert.Equal(3, config.Policy.Threads);
        Assert.Equal((2, 1), (config.Policy.Options.DecodeWorkers, config.Critic.Options.DecodeWorkers));
        Assert.Equal("openai:gpt-4o-mini", config.Reviser.Spec);
        Assert.Equal(config.Critic, config.Feedback);
        Assert.Equal((4, 0.5, 0.9, 64, 11L), (config.Generate.SamplesPerPrompt, config.Generate.Temperature!.Value,
            config.Generate.TopP!.Value, config.Generate.MaxTokens!.Value, config.Generate.Seed));
        Assert.Equal((16, 3, 2, 8), (config.Generate.MaxParallelism, config.Revise.Rounds!.Value, config.Revise.MaxParallelism, config.Runner.ChannelCapacity));
        Assert.False(config.Revise.FewShot);
        Assert.Equal([PairMode.Feedback], config.Pairs.Modes);
        Assert.Equal(new FeedbackOptions
        {
            BothOrders = true, Cot = true, Clamp = new(0.3, 0.7), Ensemble = 5, MinConfidence = 0.2, Pairing = FeedbackPairing.All,
        },
            config.Pairs.Feedback);
        Assert.Equal(new PairFilterOptions { DropDuplicates = false, MaxLength = 500 }, config.Pairs.Filters);
        Assert.Equal(0.2, config.Pairs.TestFraction);
        Assert.Equal([ExportFormat.Jsonl, ExportFormat.Kto], config.Pairs.Exports);
    }

    [Fact]
    public void Parse_UnknownKeysAndBadValues_ReportsEachWithLineAndColumn()
    {
        var file = Path.Combine(dir.Path, "pipeline.yaml");

        var errors = Errors(Minimal + """

            generate:
              samples_per_prompt: 0
              temprature: 0.3
            pairs:
              modes: [revision, sideways]
              feedback: { clamp: [0.7, 0.3], pairing: best }
            """);

        Assert.Equal(string.Join('\n',
        [
            $"{file}:7:23: generate.samples_per_prompt: must be an integer in [1, 64], got '0'",
            $"{file}:8:3: generate.temprature: unknown key 'temprature', did you mean 'temperature'?",
            $"{file}:10:21: pairs.modes: expected one of revision, feedback, got 'sideways'",
            $"{file}:11:22: pairs.feedback.clamp: expected [low, high] with low <= high, e.g. [0.4, 0.6]",
            $"{file}:11:43: pairs.feedback.pairing: must be one of adjacent, all, got 'best'",
        ]), string.Join('\n', errors));
    }

    [Fact]
    public void Parse_DecodeWorkersBelowOne_IsALocatedError()
    {
        var file = Path.Combine(dir.Path, "pipeline.yaml");

        var errors = Errors("""
            prompts: { path: prompts.jsonl }
            constitution: c.yaml
            models:
              policy: { spec: "local:tiny.bin", decode_workers: 0 }
            """);

        Assert.Equal($"{file}:4:53: models.policy.decode_workers: must be an integer in [1, 256], got '0'", Assert.Single(errors));
    }

    const string WithFallback = """
        prompts: { path: prompts.jsonl }
        constitution: c.yaml
        models:
          policy:
            spec: local:models/tiny.bin
            fallback: local:hf://owner/tiny@abc123/tiny/tiny.bin
            sha256:
              tiny/tiny.bin: B0A507E7AD0F626624F17112325E66691F9076D622E1D3274D103D00299F2696
        """;

    [Fact]
    public void Parse_FallbackWhenLocalModelMissing_TakesTheHubSpecWithItsSha256()
    {
        var config = Parse(WithFallback);

        Assert.Equal("local:hf://owner/tiny@abc123/tiny/tiny.bin", config.Policy.Spec);
        Assert.Equal("b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696", config.Policy.Sha256!["tiny/tiny.bin"]);
    }

    [Fact]
    public void Parse_FallbackWhenLocalModelPresent_KeepsTheSpec()
    {
        Directory.CreateDirectory(Path.Combine(dir.Path, "models"));
        File.WriteAllText(Path.Combine(dir.Path, "models", "tiny.bin"), "");

        var config = Parse(WithFallback);

        Assert.Equal("local:" + Path.Combine(dir.Path, "models/tiny.bin"), config.Policy.Spec);
    }

    [Fact]
    public void Parse_BadSha256_ReportedWithLineAndField()
    {
        var errors = Errors(WithFallback.Replace("B0A507E7", "XYZ", StringComparison.Ordinal));

        Assert.Contains(errors, e => e.Contains(":8:22: models.policy.sha256.tiny/tiny.bin: expected 64 hex digits", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MissingRequiredKeysAndBadSpec_Reported()
    {
        var errors = Errors("""
            models:
              policy: nonsense:thing
            """);

        Assert.Contains(errors, e => e.EndsWith("1:1: missing required key 'prompts'"));
        Assert.Contains(errors, e => e.EndsWith("1:1: missing required key 'constitution'"));
        Assert.Contains(errors, e => e.Contains(":2:11: models.policy: ") && e.Contains("unknown provider 'nonsense'"));
    }

    [Fact]
    public void Parse_SyntaxError_ReportsPosition()
    {
        var error = Assert.Single(Errors("seed: 1\nprompts: a: b\n"));
        Assert.Contains(":2:", error);
        Assert.Contains("YAML syntax error", error);
    }

    [Fact]
    public void Parse_LocalHubId_IsKeptAsAnIdNotResolvedAsAPath() =>
        Assert.Equal("local:hf://tiny-org/tiny@v1", Parse(Minimal.Replace("local:models/tiny.bin", "local:hf://tiny-org/tiny@v1")).Policy.Spec);

    [Fact]
    public void Parse_EnvironmentReferences_ExpandedWithDefaults()
    {
        var yaml = Minimal.Replace("local:models/tiny.bin", "local:${SHARED:-defaults}/tiny.bin");

        Assert.Equal("local:/opt/shared/tiny.bin", Parse(yaml, env: new() { ["SHARED"] = "/opt/shared" }).Policy.Spec);
        Assert.Equal("local:" + Path.Combine(dir.Path, "defaults/tiny.bin"), Parse(yaml).Policy.Spec);
        Assert.Contains("environment variable 'NOPE' is not set", Assert.Single(Errors(Minimal.Replace("prompts.jsonl", "${NOPE}"))));
    }

    [Fact]
    public void Parse_SetOverrides_ReplaceAndAddValues()
    {
        var config = Parse(Minimal, ["prompts.limit=5", "models.policy.temperature=0", "models.critic=openai:gpt-4o", "seed=9"]);

        Assert.Equal(5, config.Prompts.Limit);
        Assert.Equal(0, config.Policy.Options.Temperature);
        Assert.Equal("openai:gpt-4o", config.Critic.Spec);
        Assert.Equal(9, config.Seed);
        Assert.Contains("expected key.path=value", Assert.Throws<PipelineConfigException>(() => Parse(Minimal, ["oops"])).Message);
    }
}
