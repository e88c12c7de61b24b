using Cai.Core.Runs;
using Cai.Cli.Tests.Model;
using Cai.TestKit;
using static Cai.Cli.Tests.Run.RunFixture;

namespace Cai.Cli.Tests.Run;

/// <summary>The shipped quickstart config runs offline on stories260K and leaves a complete run directory.</summary>
[Collection(TorchCliCollection.Name)]
public sealed class QuickstartTests : IDisposable
{
    readonly RunFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task Run_QuickstartOnThreePrompts_LeavesEveryStageFileExportsManifestAndLog()
    {
        SharedData.Require("models", "stories260K", "stories260K.bin");
        var runDir = Path.Combine(fixture.Dir, "quickstart");

        var (code, output, error) = await RunInProcessAsync("run", SharedData.Repo("examples", "quickstart", "pipeline.yaml"),
            "--run-dir", runDir, "--set", "prompts.limit=3", "--set", "generate.max_tokens=48", "--quiet");

        Assert.True(code == 0, error);
        Assert.Contains("run complete: 3 prompts", output);
        Assert.Equal(12, Ids(runDir, "generate.jsonl").Count + 4 * Ids(runDir, "generate.failed.jsonl").Count);
        Assert.Equal(Ids(runDir, "generate.jsonl").Count, Ids(runDir, "revise.jsonl").Count + Ids(runDir, "revise.failed.jsonl").Count);
        // Three prompts make no rules-judged pair, so the config's train step says it has nothing to train on.
        Assert.Contains("training skipped: the run exported no training pairs", output);
        Assert.True(File.Exists(Path.Combine(runDir, "prefs.jsonl")));
        foreach (var file in new[] { "train.jsonl", "train.parquet", "train.kto.jsonl", "test.jsonl", "test.parquet" })
            Assert.True(File.Exists(Path.Combine(runDir, "pairs", file)), file);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(runDir, "logs"), "*.json"));
        var manifest = await RunManifestFile.LoadAsync(runDir);
        Assert.Equal("kind-stories", manifest.Constitution);
        Assert.StartsWith("local:", manifest.Models!["policy"]);
        Assert.NotNull(manifest.FinishedAt);
    }
}
