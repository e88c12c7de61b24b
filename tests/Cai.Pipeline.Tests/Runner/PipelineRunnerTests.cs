using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Core.Stages;
using Cai.Pipeline.Runner;
using static Cai.Pipeline.Tests.Runner.RunnerHarness;

namespace Cai.Pipeline.Tests.Runner;

public sealed class PipelineRunnerTests : IDisposable
{
    static readonly string[] Files = ["generate.jsonl", "revise.jsonl", "prefs.jsonl"];
    readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    string Run(string name) => Path.Combine(dir.Path, name);

    [Fact]
    public async Task RunAsync_AllStages_WritesEveryStageAndManifest()
    {
        var outcome = await RunAsync(Run("a"), MakePrompts(6), new MarkStage());

        Assert.False(outcome.Cancelled);
        Assert.Equal(12, Ids(Run("a"), "generate.jsonl").Count);
        Assert.Equal(12, Ids(Run("a"), "revise.jsonl").Count);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"p{i}-pair"), Ids(Run("a"), "prefs.jsonl"));
        var manifest = await RunManifestFile.LoadAsync(Run("a"));
        Assert.NotNull(manifest.FinishedAt);
        Assert.Equal(12, manifest.Stages["revise"].Written);
        Assert.Equal(6, manifest.Stages["prefs"].Written);
    }

    [Fact]
    public async Task RunAsync_CancelledThenRerun_SameOutputsAsUninterruptedRunWithoutDuplicates()
    {
        await RunAsync(Run("whole"), MakePrompts(10), new MarkStage());
        using var cts = new CancellationTokenSource();
        var interrupted = new MarkStage { Before = (_, n) => { if (n == 7) cts.Cancel(); return null; } };

        var first = await RunAsync(Run("resumed"), MakePrompts(10), interrupted, cancellationToken: cts.Token);
        var partial = Ids(Run("resumed"), "prefs.jsonl").Count;
        var resumedStage = new MarkStage();
        var second = await RunAsync(Run("resumed"), MakePrompts(10), resumedStage);

        Assert.True(first.Cancelled);
        Assert.False(second.Cancelled);
        Assert.True(partial < 10, $"the interrupted run should not have finished, but wrote {partial} pairs");
        Assert.True(resumedStage.Calls < 20, $"resume redid work: {resumedStage.Calls} revise calls");
        foreach (var file in Files)
        {
            Assert.Equal(SortedLines(Run("whole"), file), SortedLines(Run("resumed"), file));
            Assert.Equal(Ids(Run("resumed"), file).Count, Ids(Run("resumed"), file).Distinct().Count());
        }
    }

    [Fact]
    public async Task RunAsync_CompletedRunRerun_ProcessesNothingAgain()
    {
        await RunAsync(Run("a"), MakePrompts(4), new MarkStage());
        var again = new MarkStage();
        var pairs = new FirstTwoPairStage();

        await RunAsync(Run("a"), MakePrompts(4), again, pairs);

        Assert.Equal(0, again.Calls);
        Assert.Empty(pairs.Seen);
        Assert.Equal(4, Ids(Run("a"), "prefs.jsonl").Count);
    }

    [Fact]
    public async Task RunAsync_FailedItems_RecordedSkippedOnRerunAndRetriedWithRetryFailed()
    {
        var failing = new MarkStage
        {
            Before = (s, _) => s.Id switch
            {
                "p1-s0" => StageResult<RevisedRecord>.Failed(s.Id, "revise", "invalid_output", "bad answer"),
                "p2-s1" => throw new TimeoutException("model timed out"),
                _ => null,
            },
        };

        var outcome = await RunAsync(Run("a"), MakePrompts(4), failing);
        var failures = File.ReadAllLines(Path.Combine(Run("a"), "revise.failed.jsonl"));
        var skipping = new MarkStage();
        await RunAsync(Run("a"), MakePrompts(4), skipping);
        var retrying = new MarkStage();
        await RunAsync(Run("a"), MakePrompts(4), retrying, retryFailed: true);

        Assert.Equal(2, outcome.Manifest.Stages["revise"].Failed);
        Assert.Contains(failures, l => l.Contains("\"id\":\"p1-s0\"") && l.Contains("\"error_kind\":\"invalid_output\"") && l.Contains("\"attempts\":1"));
        Assert.Contains(failures, l => l.Contains("\"id\":\"p2-s1\"") && l.Contains("\"error_kind\":\"timeout\""));
        Assert.Equal(0, skipping.Calls);
        Assert.Equal(2, retrying.Calls);
        Assert.Equal(8, Ids(Run("a"), "revise.jsonl").Count);
        Assert.Equal(["p0-pair", "p1-pair", "p2-pair", "p3-pair"], Ids(Run("a"), "prefs.jsonl"));
        Assert.Equal(0, (await RunManifestFile.LoadAsync(Run("a"))).Stages["revise"].Failed);
    }

    [Fact]
    public async Task RunAsync_Shards_CoverEveryPromptExactlyOnce()
    {
        var prompts = MakePrompts(24);
        for (var k = 0; k < 3; k++)
            await RunAsync(Run($"shard{k}"), prompts, new MarkStage(), shard: new Shard(k, 3));

        var perShard = Enumerable.Range(0, 3).Select(k => Ids(Run($"shard{k}"), "prefs.jsonl")).ToList();
        var all = perShard.SelectMany(ids => ids).ToList();

        Assert.Equal(prompts.Select(p => p.Id + "-pair").Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        Assert.All(perShard, ids => Assert.NotEmpty(ids));
    }

    [Fact]
    public async Task RunAsync_StageOutputWrittenButNotForwarded_RefedDownstreamOnResume()
    {
        // Simulates a crash after revise wrote its records but before prefs saw them: prefs files are deleted.
        await RunAsync(Run("a"), MakePrompts(3), new MarkStage());
        foreach (var file in Directory.GetFiles(Run("a"), "prefs*"))
            File.Delete(file);
        var revise = new MarkStage();

        await RunAsync(Run("a"), MakePrompts(3), revise);

        Assert.Equal(0, revise.Calls);
        Assert.Equal(["p0-pair", "p1-pair", "p2-pair"], Ids(Run("a"), "prefs.jsonl"));
    }
}
