using Cai.Cli.Commands;
using Cai.Train.Losses;
using Cai.Train.Options;

namespace Cai.Cli.Tests.Train;

public sealed class TrainConfigFileTests
{
    static string Write(string yaml)
    {
        var path = Path.Combine(TrainTestFiles.TempDir(), "options.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Load_TrlNames_BindOntoTheRecordWithItsDefaults()
    {
        var path = Write("beta: 0.2\nloss_type: soft_label\nlr_scheduler_type: constant_with_warmup\nmax_length: 64\n");

        var options = TrainConfigFile.Load<DpoOptions>(path);

        Assert.Equal(new DpoOptions { Beta = 0.2, LossType = DpoLossType.SoftLabel, LrSchedulerType = Cai.Train.Schedules.LrSchedulerType.ConstantWithWarmup, MaxLength = 64 }, options);
    }

    [Theory]
    [InlineData("simpo", DpoLossType.SimPo)]
    [InlineData("soft-label", DpoLossType.SoftLabel)]
    [InlineData("IPO", DpoLossType.Ipo)]
    public void Load_LossTypeSpellings_AsTrlWritesThem(string text, DpoLossType expected)
    {
        Assert.Equal(expected, TrainConfigFile.Load<DpoOptions>(Write($"loss_type: {text}\n")).LossType);
    }

    [Fact]
    public void Load_SeveralBadKeys_ReportsEveryOneOnItsOwnLine()
    {
        var path = Write("betta: 0.2\nbeta: strong\nloss_type: squared\nmax_length: 64\n");

        var error = Assert.Throws<CliException>(() => TrainConfigFile.Load<DpoOptions>(path));

        Assert.Equal(
            [
                $"{path}:1:1: betta: unknown key 'betta', did you mean 'beta'?",
                $"{path}:2:7: beta: must be a number > 0, got 'strong'",
                $"{path}:3:12: loss_type: must be one of sigmoid, hinge, ipo, robust, simpo, soft-label, got 'squared'",
            ],
            error.Message.Split(Environment.NewLine));
    }

    [Fact]
    public void Load_OnlineTrainerConfig_SameReader()
    {
        var path = Write("kl_estimator: k3\nnum_ppo_epochs: 2\ncliprang: 0.1\n");

        var error = Assert.Throws<CliException>(() => TrainConfigFile.Load<PpoOptions>(path));

        Assert.Equal($"{path}:3:1: cliprang: unknown key 'cliprang', did you mean 'cliprange'?", error.Message);
    }
}
