using Cai.TestKit.FaultServer;
using static Cai.Cli.Tests.Run.RunFixture;

namespace Cai.Cli.Tests.Run;

/// <summary>
/// Kills a real <c>cai run</c> process with SIGKILL at seeded random moments and restarts it; the finished run must
/// equal an uninterrupted one, with no id missing or duplicated.
/// </summary>
public sealed class RunKillTests : IDisposable
{
    static readonly string[] StageFiles = ["generate.jsonl", "revise.jsonl", "prefs.jsonl", "pairs/train.jsonl", "pairs/test.jsonl"];
    readonly RunFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task Run_KilledRepeatedlyAndRestarted_EqualsUninterruptedRun()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions
        {
            ResponseDelay = TimeSpan.FromMilliseconds(60),
            Responder = Storyteller.Answer,
        });
        fixture.WritePrompts(16);
        var config = fixture.WriteConfig(server.BaseUrl);
        var whole = Path.Combine(fixture.Dir, "whole");
        var killed = Path.Combine(fixture.Dir, "killed");

        var reference = Start("run", config, "--run-dir", whole, "--quiet");
        await reference.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, reference.ExitCode);

        // Kill at seeded random points of progress (a few more records written since the restart), not at wall-clock
        // moments: on an idle machine a run can finish before a fixed delay ends.
        var random = new Random(20261127);
        var killedWhileRunning = 0;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var target = LineCount(killed, "generate.jsonl") + random.Next(1, 6);
            using var process = Start("run", config, "--run-dir", killed, "--quiet");
            var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
            while (!process.HasExited && LineCount(killed, "generate.jsonl") < target && DateTimeOffset.UtcNow < deadline)
                await Task.Delay(random.Next(5, 40));
            if (!process.HasExited)
            {
                process.Kill(); // SIGKILL: no handler runs, a line may be torn mid-write
                killedWhileRunning++;
            }
            await process.WaitForExitAsync();
        }
        var final = Start("run", config, "--run-dir", killed, "--quiet");
        await final.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(0, final.ExitCode);
        Assert.True(killedWhileRunning >= 3, $"only {killedWhileRunning} of 4 kills hit a running process");
        Assert.Equal(32, Ids(whole, "generate.jsonl").Count);
        Assert.NotEmpty(Ids(whole, "prefs.jsonl"));
        foreach (var file in StageFiles)
        {
            Assert.Equal(SortedLines(whole, file), SortedLines(killed, file));
            var ids = file.StartsWith("pairs", StringComparison.Ordinal) ? [] : Ids(killed, file);
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }

    static int LineCount(string runDir, string file)
    {
        var path = Path.Combine(runDir, file);
        if (!File.Exists(path))
            return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is not null)
            count++;
        return count;
    }
}
