using System.Text.Json;
using Cai.Core.Runs;
using Cai.TestKit.FaultServer;
using static Cai.Cli.Tests.Run.RunFixture;

namespace Cai.Cli.Tests.Run;

/// <summary><c>cai run</c> end to end over HTTP against the fault-injecting OpenAI-compatible server.</summary>
public sealed class RunFaultTests : IDisposable
{
    readonly RunFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    // First attempts of some requests hit a transient fault (retried); requests naming "forbidden" always get a 400.
    static FaultKind? Script(FaultRequest request)
    {
        if (request.RequestId.Contains("forbidden", StringComparison.Ordinal))
            return FaultKind.BadRequest;
        if (request.Attempt > 1)
            return FaultKind.None;
        return (request.RequestId.Length % 5) switch
        {
            0 => FaultKind.ServerError,
            1 => FaultKind.RateLimited,
            2 => FaultKind.DropConnection,
            _ => FaultKind.None,
        };
    }

    [Fact]
    public async Task Run_InjectedFaults_EveryRecordDoneOrFailed()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions
        {
            Script = Script,
            RetryAfterMilliseconds = 10,
            Responder = Storyteller.Answer,
        });
        fixture.WritePrompts(12, "Tell a story about something forbidden.", "Tell a forbidden dog story.");
        var config = fixture.WriteConfig(server.BaseUrl, concurrency: 4);
        var runDir = Path.Combine(fixture.Dir, "run");

        var (code, output, error) = await RunInProcessAsync("run", config, "--run-dir", runDir, "--quiet");

        // Two prompts always fail: the run says so and exits ItemsFailed (it exited 0 before failures counted).
        Assert.True(code == ExitCodes.ItemsFailed, error);
        Assert.Contains("run incomplete: 14 prompts", output);
        Assert.Contains("error: not every input reached every stage (missing: generate 2", error);
        var generated = Ids(runDir, "generate.jsonl").Select(id => id[..3]).ToHashSet();
        var failed = Failures(runDir, "generate");
        Assert.Equal(["q12", "q13"], failed.Keys.Order());
        Assert.All(failed.Values, kind => Assert.Equal("http_400", kind));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"q{i:00}"), generated.Order());
        var revised = Ids(runDir, "revise.jsonl").Concat(Failures(runDir, "revise").Keys).Order();
        Assert.Equal(Ids(runDir, "generate.jsonl"), revised);
        Assert.Equal(12, Ids(runDir, "prefs.consumed.jsonl").Count);
        Assert.True(server.RequestCount > 24, $"only {server.RequestCount} requests: no retries happened");
        var manifest = await RunManifestFile.LoadAsync(runDir);
        Assert.NotNull(manifest.FinishedAt);
        Assert.Equal((24, 2), (manifest.Stages["generate"].Written, manifest.Stages["generate"].Failed));
        Assert.DoesNotContain("api_key", File.ReadAllText(Path.Combine(runDir, RunManifestFile.FileName)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Run_RetryFailedAfterTheFaultIsGone_ManifestAndReportAgreeNothingFailedAndNoEmptyCompanions()
    {
        var faulty = true; // the server refuses prompts naming "forbidden" until the fault is gone
        await using var server = await FaultServer.StartAsync(new FaultServerOptions
        {
            Script = r => faulty && r.RequestId.Contains("forbidden", StringComparison.Ordinal) ? FaultKind.BadRequest : FaultKind.None,
            Responder = Storyteller.Answer,
        });
        fixture.WritePrompts(4, "Tell a story about something forbidden.", "Tell a forbidden dog story.");
        var config = fixture.WriteConfig(server.BaseUrl);
        var runDir = Path.Combine(fixture.Dir, "run");

        var (first, _, firstError) = await RunInProcessAsync("run", config, "--run-dir", runDir, "--quiet");
        Assert.True(first == ExitCodes.ItemsFailed, firstError);
        Assert.Equal(2, (await RunManifestFile.LoadAsync(runDir)).Stages["generate"].Failed);
        faulty = false;
        var (second, output, error) = await RunInProcessAsync("run", config, "--run-dir", runDir, "--retry-failed", "--quiet");
        var report = await RunInProcessAsync("report", runDir);

        Assert.True(second == 0, error);
        Assert.Contains("generate: 12 written, 0 failed", output);
        Assert.Equal(0, (await RunManifestFile.LoadAsync(runDir)).Stages["generate"].Failed);
        Assert.True(report.Code == 0, report.Err);
        var html = File.ReadAllText(Path.Combine(runDir, "report.html"));
        // The report counts as the manifest does: 0 failed, the two retried prompts resolved, no failure listed.
        Assert.Contains("<td>generate</td><td class=\"num\">12</td><td class=\"num\">0</td><td></td><td class=\"num\">2</td>", html);
        Assert.DoesNotContain("<h3>Failures</h3>", html);
        // The failures stay on file as history: nothing was rewritten.
        Assert.Equal(["q04", "q05"], Failures(runDir, "generate").Keys.Order());
        // Ledgers and stages that never failed leave no empty .failed.jsonl beside them.
        Assert.Empty(Directory.GetFiles(runDir, "*.consumed.failed.jsonl"));
        Assert.All(Directory.GetFiles(runDir, "*.failed.jsonl"), f => Assert.NotEqual(0, new FileInfo(f).Length));
    }

    [Fact]
    public async Task Run_BadConfig_PrintsFileLineColumnAndFails()
    {
        var path = Path.Combine(fixture.Dir, "bad.yaml");
        File.WriteAllText(path, "prompts: { path: p.jsonl }\nconstitution: c.yaml\nmodels: { policy: rules }\nseeed: 3\n");

        var (code, _, error) = await RunInProcessAsync("run", path);

        Assert.Equal(1, code);
        Assert.Contains($"{path}:4:1: seeed: unknown key 'seeed'", error);
    }

    [Fact]
    public async Task Run_MissingConfig_FailsNamingFile()
    {
        var (code, _, error) = await RunInProcessAsync("run", Path.Combine(fixture.Dir, "missing.yaml"));

        Assert.Equal(1, code);
        Assert.Contains("missing.yaml", error);
    }

    [Fact]
    public async Task Run_BadShard_FailsWithMessage()
    {
        fixture.WritePrompts(1);
        var config = fixture.WriteConfig(new Uri("http://127.0.0.1:9/v1"));

        var (code, _, error) = await RunInProcessAsync("run", config, "--shard", "3/3");

        Assert.Equal(1, code);
        Assert.Contains("--shard: Bad shard '3/3'", error);
    }

    static Dictionary<string, string> Failures(string runDir, string stage) =>
        SortedLines(runDir, stage + ".failed.jsonl")
            .Select(l => JsonDocument.Parse(l).RootElement)
            .GroupBy(e => e.GetProperty("id").GetString()!)
            .ToDictionary(g => g.Key, g => g.Last().GetProperty("error_kind").GetString()!);
}
