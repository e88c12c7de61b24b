using Cai.Cli.Tests.Model;

namespace Cai.Cli.Tests.Experiment;

public sealed class EvalOverOptimizationCommandTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("cai-overopt-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Overoptimization_CheckpointReports_WritesPngAndPrintsThemByKl()
    {
        var late = FrontierReports.Save(dir, "checkpoint-200", FrontierReports.WithJudges(FrontierReports.Report(0.15, kl: 4.0), 0.30, 2.5));
        var baseline = FrontierReports.Save(dir, "base", FrontierReports.WithJudges(FrontierReports.Report(0.25, kl: null), 0.20, -0.5));
        var early = FrontierReports.Save(dir, "checkpoint-50", FrontierReports.WithJudges(FrontierReports.Report(0.12, kl: 1.0), 0.18, 1.0));
        var png = Path.Combine(dir, "out", "curve.png");

        var result = await CliRun.InProcessAsync("eval", "overoptimization", late, baseline, early, "--out", png);

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        Assert.Equal(0x89, File.ReadAllBytes(png)[0]);
        var rows = result.Stdout.Split('\n').Where(l => l.StartsWith("base") || l.StartsWith("checkpoint")).ToList();
        Assert.Equal(["base", "checkpoint-50", "checkpoint-200"], rows.Select(r => r.Split(' ')[0]));
        Assert.Matches(@"checkpoint-200\s+4\.000\s+2\.500\s+15\.0\s?%\s+30\.0\s?%", rows[2]);
    }

    [Fact]
    public async Task Overoptimization_ReportWithoutRewardScore_IsOneLineErrorNamingTheFile()
    {
        var plain = FrontierReports.Save(dir, "plain", FrontierReports.Report(0.2, kl: 1.0));

        var result = await CliRun.InProcessAsync("eval", "overoptimization", plain, "--out", Path.Combine(dir, "c.png"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{plain}: field 'reward_score' is missing", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task Frontier_HeldOut_PlotsTheHeldOutRatesAndRefusesAnotherHeldOutConstitution()
    {
        var baseline = FrontierReports.Save(dir, "base", FrontierReports.WithJudges(FrontierReports.Report(0.25, kl: null), 0.20, 0));
        var policy = FrontierReports.Save(dir, "policy", FrontierReports.WithJudges(FrontierReports.Report(0.10, kl: 1.5), 0.19, 1));
        var other = FrontierReports.Save(dir, "other", FrontierReports.WithJudges(FrontierReports.Report(0.10, kl: 1.5), 0.19, 1, heldOutHash: "999"));

        var plotted = await CliRun.InProcessAsync("eval", "frontier", baseline, policy, "--heldout", "--out", Path.Combine(dir, "f.png"));
        var mixed = await CliRun.InProcessAsync("eval", "frontier", baseline, other, "--heldout", "--out", Path.Combine(dir, "g.png"));

        Assert.True(plotted.ExitCode == 0, plotted.Stderr);
        Assert.Matches(@"policy\s+1\.500\s+0\.100\s+19\.0\s?%", plotted.Stdout);
        Assert.NotEqual(0, mixed.ExitCode);
        Assert.Contains("held_out_constitution_hash", mixed.Stderr);
    }

    [Fact]
    public async Task Frontier_TrainingJudge_AcceptsReportsWithAnotherOrNoHeldOutJudge()
    {
        var baseline = FrontierReports.Save(dir, "base", FrontierReports.Report(0.25, kl: null));
        var policy = FrontierReports.Save(dir, "policy", FrontierReports.WithJudges(FrontierReports.Report(0.10, kl: 1.5), 0.19, 1, heldOutHash: "999"));

        var plotted = await CliRun.InProcessAsync("eval", "frontier", baseline, policy, "--out", Path.Combine(dir, "f.png"));

        Assert.True(plotted.ExitCode == 0, plotted.Stderr);
        Assert.Matches(@"policy\s+1\.500\s+0\.100\s+10\.0\s?%", plotted.Stdout);
    }
}
