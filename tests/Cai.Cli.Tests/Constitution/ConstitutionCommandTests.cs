using Cai.Core.Constitutions;
using Cai.TestKit;
using Cai.Cli.Tests.Model;

namespace Cai.Cli.Tests.Constitution;

public class ConstitutionCommandTests
{
    static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    [Fact]
    public async Task Validate_ShippedConstitutions_ExitsZero()
    {
        var files = Directory.GetFiles(SharedData.Repo("constitutions"), "*.yaml");
        Assert.True(files.Length >= 3);

        var result = await CliRun.InProcessAsync(["constitution", "validate", .. files]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(files.Length, result.Stdout.Split('\n').Count(l => l.Contains(": ok (")));
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Validate_FileWithThreeMistakes_RealProcessPrintsAllThreeAndExitsOne()
    {
        var result = await CliRun.ProcessInAsync(new Dictionary<string, string?>(), AppContext.BaseDirectory, "constitution", "validate", "TestData/three-mistakes.yaml");

        Assert.Equal(1, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("TestData/three-mistakes.yaml:5:5: principles[0].revison: unknown key 'revison', did you mean 'revision'?", lines[0]);
        Assert.StartsWith("TestData/three-mistakes.yaml:12:13: ", lines[1]);
        Assert.Contains("weight", lines[1]);
        Assert.StartsWith("TestData/three-mistakes.yaml:15:18: ", lines[2]);
        Assert.Contains("invalid regular expression", lines[2]);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task Validate_MissingFile_OneLineAndExitOne()
    {
        var result = await CliRun.InProcessAsync("constitution", "validate", "no-such-file.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("no-such-file.yaml:1:1: file not found", result.Stderr.Trim());
    }

    [Fact]
    public async Task Show_KindStories_PrintsEveryPrincipleId()
    {
        var path = SharedData.Repo("constitutions", "kind-stories.yaml");
        var constitution = ConstitutionLoader.LoadOrThrow(path);

        var result = await CliRun.InProcessAsync("constitution", "show", path, "--full");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(constitution.Hash[..12], result.Stdout);
        foreach (var principle in constitution.Principles)
        {
            Assert.Contains(principle.Id, result.Stdout);
            Assert.Contains(principle.Critique.Split(' ')[0], result.Stdout);
        }
    }

    [Fact]
    public async Task Show_InvalidFile_ErrorWithoutStackTrace()
    {
        var result = await CliRun.InProcessAsync("constitution", "show", TestData("three-mistakes.yaml"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Contains("unknown key 'revison'", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task Show_InvalidFileWithDebugLogging_AlsoPrintsTheStackTrace()
    {
        var result = await CliRun.InProcessAsync("constitution", "show", TestData("three-mistakes.yaml"), "--log-level", "debug");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Contains("   at ", result.Stderr);
    }

    [Fact]
    public async Task Import_AnthropicFiles_WritesYamlThatValidatesAndKeepsTheHash()
    {
        var critiques = SharedData.Require("data", "cai-paper", "prompts", "CritiqueRevisionInstructions.json");
        var comparisons = SharedData.Require("data", "cai-paper", "prompts", "RLMadisonInstructions.json");
        var output = Path.Combine(Directory.CreateTempSubdirectory("cai-cli-").FullName, "anthropic.yaml");

        var import = await CliRun.InProcessAsync("constitution", "import", critiques, "--format", "anthropic",
            "--comparisons", comparisons, "--out", output);
        var validate = await CliRun.InProcessAsync("constitution", "validate", output);

        Assert.Equal(0, import.ExitCode);
        Assert.Equal(0, validate.ExitCode);
        var expected = AnthropicImporter.Import(critiques, comparisons);
        Assert.Equal(expected.Hash, ConstitutionLoader.LoadOrThrow(output).Hash);
        Assert.Equal(16, expected.Principles.Count);
    }

    [Fact]
    public async Task Import_UnknownFormat_ExitsNonZeroWithMessage()
    {
        var result = await CliRun.InProcessAsync("constitution", "import", "x.json", "--format", "yaml", "--out", "y.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --format: 'yaml' is not one of anthropic, llm-swarm", result.Stderr.Trim());
    }
}
