using System.Text.Json;
using Cai.Cli.Tests.Model;
using Cai.TestKit.FaultServer;

namespace Cai.Cli.Tests.Run;

/// <summary>Two real <c>cai run</c> processes on one run directory: the run directory lock lets exactly one of them in.</summary>
public sealed class RunLockTests : IDisposable
{
    readonly RunFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task Run_TwoProcessesOnOneRunDirectory_ExactlyOneRunsAndTheOtherNamesTheHolder()
    {
        // Slow answers keep the first run busy for seconds, far longer than the gap between the two process starts.
        await using var server = await FaultServer.StartAsync(new FaultServerOptions
        {
            ResponseDelay = TimeSpan.FromMilliseconds(400),
            Responder = Storyteller.Answer,
        });
        fixture.WritePrompts(8);
        var config = fixture.WriteConfig(server.BaseUrl);
        var runDir = Path.Combine(fixture.Dir, "shared-run");
        var none = new Dictionary<string, string?>();

        using var a = CliRun.Start(none, "run", config, "--run-dir", runDir, "--quiet");
        using var b = CliRun.Start(none, "run", config, "--run-dir", runDir, "--quiet");
        var outputs = new[] { a, b }.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToArray();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await Task.WhenAll(a.WaitForExitAsync(timeout.Token), b.WaitForExitAsync(timeout.Token));

        Assert.Single(new[] { a.ExitCode, b.ExitCode }, code => code == 0);
        var (winner, loser, loserErr) = a.ExitCode == 0 ? (a, b, await outputs[1].Err) : (b, a, await outputs[0].Err);
        Assert.NotEqual(0, loser.ExitCode);
        var message = Assert.Single(loserErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(runDir, message, StringComparison.Ordinal);
        Assert.Contains($"pid {winner.Id}", message, StringComparison.Ordinal);

        foreach (var file in new[] { "generate.jsonl", "revise.jsonl", "prefs.jsonl" })
        {
            var lines = File.ReadAllLines(Path.Combine(runDir, file)).Where(l => l.Length > 0).ToArray();
            var ids = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToArray(); // throws on a torn line
            Assert.Equal(ids.Length, ids.Distinct().Count());
        }
        Assert.Equal(16, RunFixture.Ids(runDir, "generate.jsonl").Count);
    }

    [Fact]
    public async Task StageCommand_RunDirectoryLockedByAnotherHolder_RefusedWithOneLine()
    {
        var prompts = fixture.WritePrompts(2);
        var runDir = Path.Combine(fixture.Dir, "locked");
        using var held = Cai.Core.Runs.RunDirectoryLock.Acquire(runDir);

        var (code, _, err) = await RunFixture.RunInProcessAsync("generate", "--in", prompts, "--out", runDir, "--model", "rules");

        Assert.NotEqual(0, code);
        var message = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"'{runDir}' is in use by another cai process (pid {Environment.ProcessId})", message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(runDir, "generate.jsonl")));
        Assert.False(Directory.Exists(Path.Combine(runDir, "logs")));
    }
}
