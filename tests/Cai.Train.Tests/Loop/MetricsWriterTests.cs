using Cai.Core.Runs;
using Cai.Train.Loop;

namespace Cai.Train.Tests.Loop;

public sealed class MetricsWriterTests
{
    [Fact]
    public void Constructor_ResumeAtStep_DropsLinesLoggedAfterIt()
    {
        var path = Path.Combine(Stories.TempDir(), "metrics.jsonl");
        using (var writer = new MetricsWriter(path))
            for (var step = 1; step <= 5; step++)
                writer.Write([new("loss", step), new("step", step)]);

        using (var resumed = new MetricsWriter(path, keepThroughStep: 3))
            resumed.Write([new("loss", double.NaN), new("step", 4)]);

        var lines = MetricsLog.Read(path);
        Assert.Equal([1.0, 2.0, 3.0, 4.0], lines.Select(l => l["step"]));
        Assert.True(double.IsNaN(lines[^1]["loss"]));
    }

    [Fact]
    public void Write_NonFiniteValues_ReadBackAsThemselves()
    {
        var path = Path.Combine(Stories.TempDir(), MetricsLog.FileName);
        using (var writer = new MetricsWriter(path))
            writer.Write([new("loss", double.NaN), new("grad_norm", double.PositiveInfinity), new("kl", double.NegativeInfinity), new("step", 1)]);

        var line = MetricsLog.Read(path).Single();

        Assert.True(double.IsNaN(line["loss"]));
        Assert.Equal((double.PositiveInfinity, double.NegativeInfinity, 1.0), (line["grad_norm"], line["kl"], line["step"]));
    }
}
