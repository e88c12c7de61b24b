using System.Text.Json.Nodes;
using Cai.TestKit.FaultServer;
using static Cai.Cli.Tests.Run.RunFixture;

namespace Cai.Cli.Tests.Run;

/// <summary><c>cai merge</c> over the run directories of real <c>cai run --shard k/n</c> workers.</summary>
public sealed class MergeCommandTests : IDisposable
{
    static readonly string[] StageFiles = ["generate.jsonl", "generate.consumed.jsonl", "revise.jsonl", "revise.consumed.jsonl", "prefs.jsonl"];
    readonly RunFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    string D(string name) => Path.Combine(fixture.Dir, name);

    [Fact]
    public async Task Merge_TwoShardRuns_EqualsTheUnshardedRunAndRebuildsItsExports()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Responder = Storyteller.Answer });
        fixture.WritePrompts(10);
        var config = fixture.WriteConfig(server.BaseUrl);
        foreach (var (shard, dir) in new[] { ((string?)null, "whole"), ("0/2", "s0"), ("1/2", "s1") })
        {
            var args = shard is null ? new[] { "run", config, "--run-dir", D(dir), "--quiet" }
                : ["run", config, "--run-dir", D(dir), "--shard", shard, "--quiet"];
            var run = await RunInProcessAsync(args);
            Assert.True(run.Code == 0, run.Err);
        }
        Assert.NotEmpty(Ids(D("s0"), "generate.jsonl"));
        Assert.NotEmpty(Ids(D("s1"), "generate.jsonl"));

        var merge = await RunInProcessAsync("merge", D("s0"), D("s1"), "--out", D("merged"));
        var manifest = JsonNode.Parse(File.ReadAllText(D("merged/manifest.json")))!;
        var resume = await RunInProcessAsync("run", config, "--run-dir", D("merged"), "--quiet");

        Assert.True(merge.Code == 0, merge.Err);
        Assert.True(resume.Code == 0, resume.Err);
        foreach (var file in StageFiles.Append("pairs/train.jsonl").Append("pairs/test.kto.jsonl"))
            Assert.Equal(SortedLines(D("whole"), file), SortedLines(D("merged"), file));
        Assert.Equal(20, (int)manifest["stages"]!["generate"]!["written"]!);
        Assert.Equal(2, manifest["merged_from"]!.AsArray().Count);
    }

    [Fact]
    public async Task Merge_SameShardTwice_DropsIdenticalDuplicates()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Responder = Storyteller.Answer });
        fixture.WritePrompts(4);
        var config = fixture.WriteConfig(server.BaseUrl);
        Assert.Equal(0, (await RunInProcessAsync("run", config, "--run-dir", D("s0"), "--shard", "0/2", "--quiet")).Code);

        var merge = await RunInProcessAsync("merge", D("s0"), D("s0"), "--out", D("merged"));

        Assert.True(merge.Code == 0, merge.Err);
        foreach (var file in StageFiles)
            Assert.Equal(SortedLines(D("s0"), file), SortedLines(D("merged"), file));
        var generated = Ids(D("s0"), "generate.jsonl").Count;
        Assert.Contains($"generate.jsonl: {generated} lines ({generated} identical duplicates dropped)", merge.Out);
    }

    [Fact]
    public async Task Merge_SameIdWithDifferentContent_RefusedNamingTheIdAndBothFiles()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Responder = Storyteller.Answer });
        fixture.WritePrompts(4);
        var config = fixture.WriteConfig(server.BaseUrl);
        Assert.Equal(0, (await RunInProcessAsync("run", config, "--run-dir", D("s0"), "--shard", "0/2", "--quiet")).Code);
        Directory.CreateDirectory(D("other"));
        foreach (var file in Directory.GetFiles(D("s0")))
            File.Copy(file, Path.Combine(D("other"), Path.GetFileName(file)));
        var lines = File.ReadAllLines(D("other/generate.jsonl"));
        var first = JsonNode.Parse(lines[0])!;
        first["response"]!["content"] = "A different answer from another run.";
        lines[0] = first.ToJsonString();
        File.WriteAllLines(D("other/generate.jsonl"), lines);

        var merge = await RunInProcessAsync("merge", D("s0"), D("other"), "--out", D("merged"));

        Assert.NotEqual(0, merge.Code);
        var message = Assert.Single(merge.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"id '{first["id"]}'", message, StringComparison.Ordinal);
        Assert.Contains(D("other/generate.jsonl") + ":1", message, StringComparison.Ordinal);
        Assert.False(File.Exists(D("merged/manifest.json")));
    }
}
