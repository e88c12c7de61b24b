using Cai.Train.Loop;
using Cai.Train.Plots;

namespace Cai.Train.Tests.Plots;

public sealed class TrainingPlotsTests
{
    [Fact]
    public void Write_TrainAndEvalMetrics_WritesOnePngPerPlottedMetric()
    {
        var dir = Stories.TempDir();
        var path = Path.Combine(dir, "metrics.jsonl");
        using (var writer = new MetricsWriter(path))
        {
            writer.Write([new("loss", 0.69), new("rewards/margins", 0.0), new("rewards/accuracies", 0.5), new("step", 1)]);
            writer.Write([new("loss", 0.5), new("rewards/margins", 0.3), new("rewards/accuracies", 1.0), new("step", 2)]);
            writer.Write([new("eval_loss", 0.6), new("eval_rewards/margins", 0.1), new("step", 2)]);
        }

        var written = TrainingPlots.Write(path, dir);

        Assert.Equal(["loss.png", "rewards_margins.png", "rewards_accuracies.png"], written.Select(Path.GetFileName));
        Assert.All(written, png => Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]));
    }

    [Fact]
    public void Write_OnlyLoss_SkipsMetricsWithoutValues()
    {
        var dir = Stories.TempDir();
        var path = Path.Combine(dir, "metrics.jsonl");
        using (var writer = new MetricsWriter(path))
            writer.Write([new("loss", 2.0), new("step", 1)]);

        Assert.Equal(["loss.png"], TrainingPlots.Write(path, dir).Select(Path.GetFileName));
    }
}
