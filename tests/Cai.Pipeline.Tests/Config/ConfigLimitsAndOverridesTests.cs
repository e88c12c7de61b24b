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
    public void Parse_AbsurdValue_FailsWithFileLineAndField(string section, string expected) =>
        Assert.Equal([$"{File}:{expected}"], Errors(Minimal + "\n" + section));

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
