using System.Text.RegularExpressions;
using Cai.Cli.Tests.Model;
using Cai.TestKit;
using static Cai.Cli.Tests.Run.RunFixture;

namespace Cai.Cli.Tests.Run;

/// <summary>
/// A local critic whose context cannot hold the critique prompt is refused when the config is checked, before the
/// policy generates anything (it used to fail every item, one by one, after generate had finished).
/// </summary>
[Collection(TorchCliCollection.Name)]
public sealed class RunContextBudgetTests : IDisposable
{
    readonly RunFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    static string Quickstart => SharedData.Repo("examples", "quickstart", "pipeline.yaml");

    // stories260K (512-token context) as the critic of the shipped quickstart config.
    static string LocalCritic => $"models.critic={{spec: 'local:{CliRun.Stories260K}', max_tokens: 64}}";

    [Fact]
    public async Task Run_LocalCriticWhoseContextCannotHoldTheFewShotPrompt_FailsBeforeGenerateNamingFileFieldSizesAndFix()
    {
        var runDir = Path.Combine(fixture.Dir, "run");

        var (code, _, error) = await RunInProcessAsync("run", Quickstart, "--run-dir", runDir, "--set", LocalCritic,
            "--set", "revise.few_shot=true", "--quiet");

        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var match = Regex.Match(line, "^error: " + Regex.Escape(Quickstart) + @": models\.critic: the critic's critique prompt for " +
            @"principle '[a-z-]+' takes at least (\d+) tokens with the constitution's few-shot examples, and max_tokens 64 more, " +
            @"over local:.*stories260K\.bin's 512-token context; set revise\.few_shot: false \((\d+) tokens without the examples\)");
        Assert.True(match.Success, line);
        var (withExamples, without) = (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
        Assert.True(withExamples + 64 > 512 && without + 64 <= 512, line);
        Assert.False(File.Exists(Path.Combine(runDir, "generate.jsonl"))); // nothing was generated
    }

    [Fact]
    public async Task Run_LocalCriticWithoutFewShot_PassesTheCheckAndCritiques()
    {
        var runDir = Path.Combine(fixture.Dir, "run");

        var (code, _, error) = await RunInProcessAsync("run", Quickstart, "--run-dir", runDir, "--set", LocalCritic,
            "--set", "revise.few_shot=false", "--set", "prompts.limit=1", "--set", "generate.max_tokens=16", "--quiet");

        Assert.True(code == 0, error);
        Assert.Equal(4, Ids(runDir, "revise.jsonl").Count);
        Assert.Equal($"local:{CliRun.Stories260K}", (await Cai.Core.Runs.RunManifestFile.LoadAsync(runDir)).Models!["critic"]);
    }
}
