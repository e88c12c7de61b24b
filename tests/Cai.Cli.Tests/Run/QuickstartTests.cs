using Cai.Core.Runs;
using Cai.Cli.Tests.Model;
using Cai.TestKit;
using Cai.TestKit.Hub;
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
        Assert.Equal(Path.GetFullPath(runDir), manifest.Config!["run_dir"]!.GetValue<string>()); // --run-dir, not the YAML's run_dir
        Assert.NotNull(manifest.FinishedAt);
    }

    [Fact]
    public async Task Run_QuickstartWithoutSharedFolder_DownloadsStories260KFromTheHubOnceAndRuns()
    {
        // A fresh machine: no ../shared, so the config's fallback fetches the pinned files from the Hub (here a local
        // server holding the same bytes) and checks them against the sha256 in pipeline.yaml.
        using var hub = new FakeHubServer();
        const string repo = "karpathy/tinyllamas@0bd21da7698eaf29a0d7de3992de8a46ef624add";
        hub.Add(repo, "stories260K/stories260K.bin", File.ReadAllBytes(CliRun.Stories260K), lfs: true);
        hub.Add(repo, "stories260K/tok512.bin", File.ReadAllBytes(SharedData.Require("models", "stories260K", "tok512.bin")), lfs: true);
        var empty = Directory.CreateDirectory(Path.Combine(fixture.Dir, "no-shared")).FullName;
        var cache = Path.Combine(fixture.Dir, "cache");
        var environment = new Dictionary<string, string?> { ["CAI_SHARED_DIR"] = empty, ["HF_ENDPOINT"] = hub.Endpoint.ToString(), ["CAI_CACHE"] = cache };
        string[] args = ["run", SharedData.Repo("examples", "quickstart", "pipeline.yaml"), "--set", "prompts.limit=2",
            "--set", "generate.max_tokens=32", "--quiet"];

        var first = await CliRun.ProcessAsync(environment, [.. args, "--run-dir", Path.Combine(fixture.Dir, "a")]);
        var requests = hub.Requests.Count;
        var second = await CliRun.ProcessAsync(environment, [.. args, "--run-dir", Path.Combine(fixture.Dir, "b")]);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("run complete: 2 prompts", first.Stdout);
        Assert.Equal(8, Ids(Path.Combine(fixture.Dir, "a"), "generate.jsonl").Count);
        Assert.True(File.Exists(Path.Combine(cache, "karpathy", "tinyllamas", "0bd21da7698eaf29a0d7de3992de8a46ef624add", "stories260K", "tok512.bin")));
        Assert.Equal(requests, hub.Requests.Count); // the second run loads from the cache without asking the Hub
        var manifest = await RunManifestFile.LoadAsync(Path.Combine(fixture.Dir, "a"));
        Assert.StartsWith("local:hf://karpathy/tinyllamas@", manifest.Models!["policy"]);
    }
}
