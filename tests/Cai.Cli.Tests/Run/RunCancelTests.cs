using System.Diagnostics;
using Cai.Core.Runs;
using Cai.TestKit.FaultServer;
using static Cai.Cli.Tests.Run.RunFixture;

namespace Cai.Cli.Tests.Run;

/// <summary>Ctrl+C (SIGINT) on a real <c>cai run</c>: a clean stop with exit code 130, then a rerun that completes.</summary>
public sealed class RunCancelTests : IDisposable
{
    readonly RunFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task Run_Sigint_StopsCleanlyAndRerunCompletes()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions
        {
            ResponseDelay = TimeSpan.FromMilliseconds(100),
            Responder = Storyteller.Answer,
        });
        fixture.WritePrompts(8);
        var config = fixture.WriteConfig(server.BaseUrl, concurrency: 1);
        var runDir = Path.Combine(fixture.Dir, "run");

        using var process = Start("run", config, "--run-dir", runDir, "--quiet");
        await WaitForAsync(() => File.Exists(Path.Combine(runDir, "generate.jsonl")) && new FileInfo(Path.Combine(runDir, "generate.jsonl")).Length > 0);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()]))
            await kill.WaitForExitAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var stopped = await RunManifestFile.LoadAsync(runDir);
        var partial = Ids(runDir, "generate.jsonl").Count;
        var rerun = Start("run", config, "--run-dir", runDir, "--quiet");
        await rerun.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(130, process.ExitCode);
        Assert.Null(stopped.FinishedAt);
        Assert.InRange(partial, 1, 15);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(16, Ids(runDir, "generate.jsonl").Count);
        Assert.NotNull((await RunManifestFile.LoadAsync(runDir)).FinishedAt);
    }

    static async Task WaitForAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew(); // a safety net for a hung process, not a timing assertion
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("cai run produced no output");
            await Task.Delay(50);
        }
    }
}
