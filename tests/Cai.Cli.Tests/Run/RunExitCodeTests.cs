using Cai.TestKit.FaultServer;
using static Cai.Cli.Tests.Run.RunFixture;

namespace Cai.Cli.Tests.Run;

/// <summary>The exit code of <c>cai run</c> says whether every input reached every stage.</summary>
public sealed class RunExitCodeTests : IDisposable
{
    readonly RunFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    string Config(FaultServer server)
    {
        fixture.WritePrompts(4, "Tell a story about something forbidden.");
        return fixture.WriteConfig(server.BaseUrl);
    }

    static FaultServerOptions Failing(Func<string, bool> fails) => new()
    {
        Script = r => fails(r.RequestId) ? FaultKind.BadRequest : FaultKind.None,
        Responder = Storyteller.Answer,
    };

    [Fact]
    public async Task Run_SomeItemsFailed_ExitsItemsFailedAndAllowFailuresAcceptsThem()
    {
        await using var server = await FaultServer.StartAsync(Failing(text => text.Contains("forbidden", StringComparison.Ordinal)));
        var config = Config(server);
        var runDir = Path.Combine(fixture.Dir, "run");

        var strict = await RunInProcessAsync("run", config, "--run-dir", runDir, "--quiet");
        var allowed = await RunInProcessAsync("run", config, "--run-dir", runDir, "--quiet", "--allow-failures");

        Assert.Equal(ExitCodes.ItemsFailed, strict.Code);
        Assert.Contains("run incomplete: 5 prompts", strict.Out);
        Assert.Contains("error: not every input reached every stage (missing: generate 1)", strict.Err);
        Assert.Equal(0, allowed.Code);
        Assert.Contains("warning: not every input reached every stage", allowed.Err);
        Assert.Contains("(accepted by --allow-failures)", allowed.Err);
    }

    [Fact]
    public async Task Run_EveryItemFailed_NeverExitsZero()
    {
        await using var server = await FaultServer.StartAsync(Failing(_ => true));
        var config = Config(server);
        var runDir = Path.Combine(fixture.Dir, "run");

        var strict = await RunInProcessAsync("run", config, "--run-dir", runDir, "--quiet");
        var allowed = await RunInProcessAsync("run", config, "--run-dir", runDir, "--quiet", "--allow-failures");

        Assert.Equal(ExitCodes.ItemsFailed, strict.Code);
        Assert.Equal(ExitCodes.ItemsFailed, allowed.Code);
        Assert.Contains("error: every item failed in generate", allowed.Err);
    }

    [Fact]
    public async Task Run_NothingFailed_ExitsZeroSayingSo()
    {
        await using var server = await FaultServer.StartAsync(Failing(_ => false));
        var config = Config(server);

        var run = await RunInProcessAsync("run", config, "--run-dir", Path.Combine(fixture.Dir, "run"), "--quiet");

        Assert.True(run.Code == 0, run.Err);
        Assert.Contains("run complete: 5 prompts", run.Out);
        Assert.Contains("every input reached every stage", run.Out);
    }
}
