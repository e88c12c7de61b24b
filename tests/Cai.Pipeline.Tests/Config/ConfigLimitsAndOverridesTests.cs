using Cai.Pipeline.Config;
using Cai.Pipeline.Tests.Runner;

namespace Cai.Pipeline.Tests.Config;

/// <summary>Absurd values and <c>--set</c> overrides fail when the config is read, naming the file, line and field (or the argument).</summary>
public sealed class ConfigLimitsAndOverridesTests : IDisposable
{
    const string Minimal = """
        prompts:
          path: prompts.jsonl
        constitution: c.yaml
        models:
          policy: local:models/tiny.bin
        """;

    readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    string File => Path.Combine(dir.Path, "pipeline.yaml");

    PipelineConfig Parse(string yaml, params string[] set) => PipelineConfigLoader.Parse(yaml, File, set, _ => null);

    IReadOnlyList<string> Errors(string yaml, params string[] set) =>
        [.. Assert.Throws<PipelineConfigException>(() => Parse(yaml, set)).Diagnostics.Select(d => d.ToString())];

    [Theory]
    [InlineData("generate: { samples_per_prompt: 100000000 }", "6:33: generate.samples_per_prompt: must be an integer in [1, 64], got '100000000'")]
    [InlineData("generate: { max_tokens: 99999999 }", "6:25: generate.max_tokens: must be an integer in [1, 32768], got '99999999'")]
    [InlineData("revise: { rounds: 1000 }", "6:19: revise.rounds: must be an integer in [0, 16], got '1000'")]
    [InlineData("pairs: { feedback: { ensemble: 100000 } }", "6:32: pairs.feedback.ensemble: must be an integer in [1, 64], got '100000'")]
    [InlineData("generate: { temperature: 150 }", "6:26: generate.temperature: must be a number in [0, 100], got '150'")]
    [InlineData("generate: { top_p: 0 }", "6:20: generate.top_p: must be a number in (0, 1], got '0'")]
    [InlineData("revise: { max_parallelism: 0 }", "6:28: revise.max_parallelism: must be an integer in [1, 1024], got '0'")]
    [InlineData("pairs: { filters: { max_length: 0 } }", "6:33: pairs.filters.max_length: must be an integer >= 1, got '0'")]
    [InlineData("pairs: { test_fraction: 0.95 }", "6:25: pairs.test_fraction: must be a number in [0, 0.9], got '0.95'")]
    [InlineData("pairs: { max_parallelism: 0 }", "6:27: pairs.max_parallelism: must be an integer in [1, 1024], got '0'")]
    [InlineData("runner: { channel_capacity: 0 }", "6:29: runner.channel_capacity: must be an integer >= 1, got '0'")]
    public void Parse_AbsurdValue_FailsWithFileLineAndField(string section, string expected) =>
        Assert.Equal([$"{File}:{expected}"], Errors(Minimal + "\n" + section));

    [Theory]
    [InlineData("prompts.limit=0", "prompts.limit: must be an integer >= 1, got '0'")]
    [InlineData("prompts.format=csv", "prompts.format: must be one of jsonl, hh-rlhf, got 'csv'")]
    public void Parse_PromptsBindOntoTheirRecord_WithItsRange(string set, string expected) =>
        Assert.Contains(expected, Assert.Single(Errors(Minimal, set)));

    [Fact]
    public void Parse_PromptsLimitAndFormat_BoundWithThePathResolvedBesideTheConfig()
    {
        var prompts = Parse(Minimal, "prompts.limit=3", "prompts.format=hh-rlhf").Prompts;

        Assert.Equal((3, Cai.Pipeline.Prompts.PromptFormat.HhRlhf, Path.Combine(dir.Path, "prompts.jsonl")), (prompts.Limit, prompts.Format, prompts.Path));
    }

    [Theory]
    [InlineData("revise: { few_shots: false }", "6:11: revise.few_shots: unknown key 'few_shots', did you mean 'few_shot'?")]
    [InlineData("generate: { max_token: 9 }", "6:13: generate.max_token: unknown key 'max_token', did you mean 'max_tokens'?")]
    // Set by the composition, never by the file: the run seed is the top-level seed:, the stage name is fixed.
    [InlineData("generate: { seed: 3 }", "6:13: generate.seed: unknown key 'seed'; expected one of: max_parallelism, max_tokens, samples_per_prompt, temperature, top_k, top_p")]
    [InlineData("revise: { name: r2 }", "6:11: revise.name: unknown key 'name'; expected one of: few_shot, max_parallelism, rounds")]
    [InlineData("runner: { channel_capacty: 8 }", "6:11: runner.channel_capacty: unknown key 'channel_capacty', did you mean 'channel_capacity'?")]
    // The shard belongs to the process (--shard), never to the config.
    [InlineData("runner: { shard: 1 }", "6:11: runner.shard: unknown key 'shard'; expected one of: channel_capacity")]
    [InlineData("pairs: { test_fractions: 0.2 }", "6:10: pairs.test_fractions: unknown key 'test_fractions', did you mean 'test_fraction'?")]
    public void Parse_UnknownStageKey_LocatedWithDidYouMean(string section, string expected) =>
        Assert.Equal([$"{File}:{expected}"], Errors(Minimal + "\n" + section));

    [Fact]
    public void Parse_GenerateOmitsTemperatureAndMaxTokens_TakesThePolicyModels()
    {
        const string withPolicyOptions = """
            prompts: { path: prompts.jsonl }
            constitution: c.yaml
            models:
              policy: { spec: "local:models/tiny.bin", temperature: 0.3, max_tokens: 40 }
            """;

        var omitted = Parse(withPolicyOptions + "\ngenerate: { samples_per_prompt: 3 }").Generate;
        var own = Parse(withPolicyOptions + "\ngenerate: { temperature: 0.9 }").Generate;
        var neither = Parse(Minimal).Generate;

        Assert.Equal((3, 0.3, 40), (omitted.SamplesPerPrompt, omitted.Temperature!.Value, omitted.MaxTokens!.Value));
        Assert.Equal((0.9, 40), (own.Temperature!.Value, own.MaxTokens!.Value));
        Assert.Equal(new Cai.Pipeline.Generate.GenerateOptions(), neither);
    }

    [Fact]
    public void Parse_UpperBoundItself_IsAccepted() =>
        Assert.Equal(64, Parse(Minimal + "\ngenerate: { samples_per_prompt: 64 }").Generate.SamplesPerPrompt);

    [Fact]
    public void Set_FlowList_ReplacesTheList()
    {
        var config = Parse(Minimal, "pairs.modes=[revision]", "pairs.exports=[jsonl, kto]");

        Assert.Equal([PairMode.Revision], config.Pairs.Modes);
        Assert.Equal([ExportFormat.Jsonl, ExportFormat.Kto], config.Pairs.Exports);
    }

    [Fact]
    public void Set_BadValue_ErrorNamesTheSetArgumentNotTheFile() =>
        Assert.Equal(
            ["--set pairs.modes=[revision, sideways]:1:1: pairs.modes: expected one of revision, feedback, got 'sideways'",
             "--set generate.samples_per_prompt=0:1:1: generate.samples_per_prompt: must be an integer in [1, 64], got '0'"],
            Errors(Minimal, "pairs.modes=[revision, sideways]", "generate.samples_per_prompt=0"));

    [Fact]
    public void Set_MalformedFlowList_NamesTheSetArgument()
    {
        var error = Assert.Single(Errors(Minimal, "pairs.modes=[revision"));
        Assert.StartsWith("--set pairs.modes=[revision:1:1: the value is not a YAML list or mapping", error);
    }
}
