using Cai.Cli.Commands;

namespace Cai.Cli.Tests.Experiment;

public sealed class EvalFrontierSetTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("cai-frontier-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Read_BaseWithoutKlAndTrainedWithKl_BaseSitsAtZeroAndLabelsFollowOrder()
    {
        var baseline = FrontierReports.Save(dir, "base", FrontierReports.Report(0.3, kl: null));
        var trained = FrontierReports.Save(dir, "sigmoid-0.1", FrontierReports.Report(0.1, kl: 1.5));

        var points = EvalFrontierSet.Read([baseline, trained], ["base"]);

        Assert.Equal(["base", "sigmoid-0.1"], points.Select(p => p.Label));
        Assert.Equal((0.0, 0.0, 0.3), (points[0].KlPerSequence, points[0].KlStandardError, points[0].ViolationRate));
        Assert.Equal((1.5, 0.1, 0.1), (points[1].KlPerSequence, points[1].KlStandardError, points[1].ViolationRate));
        Assert.Equal(Math.Sqrt(0.1 * 0.9 / 160), points[1].ViolationStandardError, 12);
    }

    [Fact]
    public void Read_DifferentSeeds_ThrowsNamingFileAndField()
    {
        var a = FrontierReports.Save(dir, "a", FrontierReports.Report(0.3, null, seed: 1));
        var b = FrontierReports.Save(dir, "b", FrontierReports.Report(0.2, 1.0, seed: 2));

        var error = Assert.Throws<InvalidDataException>(() => EvalFrontierSet.Read([a, b], []));

        Assert.Contains(b, error.Message);
        Assert.Contains("'seed'", error.Message);
    }

    [Fact]
    public void Read_ReportWithoutViolationRate_ThrowsNamingField()
    {
        var path = FrontierReports.Save(dir, "kl-only", FrontierReports.Report(0.3, 1.0) with { ViolationRate = null });

        var error = Assert.Throws<InvalidDataException>(() => EvalFrontierSet.Read([path], []));

        Assert.Contains(path, error.Message);
        Assert.Contains("violation_rate", error.Message);
    }

    [Fact]
    public void Read_MoreLabelsThanReports_Throws()
    {
        var path = FrontierReports.Save(dir, "a", FrontierReports.Report(0.3, null));

        Assert.Throws<InvalidDataException>(() => EvalFrontierSet.Read([path], ["a", "b"]));
    }
}
