using System.Text;
using System.Text.Json;
using Cai.TestKit.FaultServer;
using static Cai.Cli.Tests.Run.RunFixture;

namespace Cai.Cli.Tests.Run;

/// <summary>A record cut by the repair of a stage file is produced again instead of staying consumed and lost.</summary>
public sealed class RunRepairTests : IDisposable
{
    readonly RunFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task Run_TornLastLineAndCorruptMiddleLine_RecordsProducedAgain()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Responder = Storyteller.Answer });
        fixture.WritePrompts(8);
        var config = fixture.WriteConfig(server.BaseUrl);
        var whole = Path.Combine(fixture.Dir, "whole");
        var damaged = Path.Combine(fixture.Dir, "damaged");
        foreach (var dir in new[] { whole, damaged })
            Assert.Equal(0, (await RunInProcessAsync("run", config, "--run-dir", dir, "--quiet")).Code);

        // The last generate record torn half way (no newline), and a revise record in the middle overwritten with junk.
        var generate = Path.Combine(damaged, "generate.jsonl");
        var bytes = File.ReadAllBytes(generate);
        var lastLineStart = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
        File.WriteAllBytes(generate, bytes[..(lastLineStart + (bytes.Length - lastLineStart) / 2)]);
        var revise = Path.Combine(damaged, "revise.jsonl");
        var lines = File.ReadAllLines(revise);
        var lostRevision = JsonDocument.Parse(lines[3]).RootElement.GetProperty("id").GetString();
        lines[3] = "{\"id\": \"broken";
        File.WriteAllLines(revise, lines, new UTF8Encoding(false));

        var rerun = await RunInProcessAsync("run", config, "--run-dir", damaged, "--quiet");

        Assert.True(rerun.Code == 0, rerun.Err);
        Assert.Equal(SortedLines(whole, "generate.jsonl"), SortedLines(damaged, "generate.jsonl"));
        Assert.Equal(16, Ids(damaged, "generate.jsonl").Count);
        // The junk line stays (readers skip it with a diagnostic); the revision it replaced is written again.
        var valid = SortedLines(damaged, "revise.jsonl").Where(l => !l.StartsWith("{\"id\": \"broken", StringComparison.Ordinal)).ToList();
        Assert.Equal(SortedLines(whole, "revise.jsonl"), valid);
        Assert.Contains(valid, l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString() == lostRevision);
        Assert.Equal(SortedLines(whole, "pairs/train.jsonl"), SortedLines(damaged, "pairs/train.jsonl"));
    }
}
