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
