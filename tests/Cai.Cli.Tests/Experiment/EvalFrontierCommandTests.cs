using Cai.Cli.Tests.Model;

namespace Cai.Cli.Tests.Experiment;

public sealed class EvalFrontierCommandTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("cai-frontier-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task EvalFrontier_TwoReports_WritesPngAndPrintsPoints()
    {
        var baseline = FrontierReports.Save(dir, "base", FrontierReports.Report(0.3, kl: null));
        var trained = FrontierReports.Save(dir, "dpo", FrontierReports.Report(0.125, kl: 1.75));
        var png = Path.Combine(dir, "out", "frontier.png");

        var result = await CliRun.InProcessAsync("eval", "frontier", baseline, trained, "--label", "base", "--label", "sigmoid b=0.1", "--out", png);

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        Assert.True(File.Exists(png));
        Assert.Matches(@"base\s+0\.000\s+0\.000\s+30\.0\s?%", result.Stdout);
        Assert.Matches(@"sigmoid b=0\.1\s+1\.750\s+0\.100\s+12\.5\s?%", result.Stdout);
    }

    [Fact]
    public async Task EvalFrontier_IncomparableReports_FailsWithOneLineNamingTheField()
    {
        var a = FrontierReports.Save(dir, "a", FrontierReports.Report(0.3, null));
        var b = FrontierReports.Save(dir, "b", FrontierReports.Report(0.3, 1.0) with { SamplesPerPrompt = 8 });

        var result = await CliRun.InProcessAsync("eval", "frontier", a, b, "--out", Path.Combine(dir, "f.png"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("samples_per_prompt", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
