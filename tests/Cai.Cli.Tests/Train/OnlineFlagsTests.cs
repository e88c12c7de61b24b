using System.CommandLine;
using Cai.Cli.Commands;
using Cai.Train.Losses;
using Cai.Train.Options;

namespace Cai.Cli.Tests.Train;

/// <summary>The online trainers' flags put what the command line gives over the --config file, and only that.</summary>
public sealed class OnlineFlagsTests
{
    static TrainingOptions Options(OnlineFlags flags, params string[] args)
    {
        var command = new Command(flags.Name);
        foreach (var option in flags.All)
            command.Add(option);
        var parse = command.Parse(["--model", "m", "--reward", "word-count:x", "--prompts", "p.jsonl", "--out", "o", .. args]);
        Assert.Empty(parse.Errors);
        return flags.Options(parse);
    }

    [Fact]
    public void Grpo_ChoiceFlags_TakeKebabAndTrlSnakeCaseSpellings()
    {
        var options = (GrpoOptions)Options(GroupRolloutFlags.Grpo(), "--loss-type", "dr_grpo", "--scale-rewards", "none", "--num-generations", "4");

        Assert.Equal(GrpoLossType.DrGrpo, options.LossType);
        Assert.Equal(GrpoScaleRewards.None, options.ScaleRewards);
        Assert.Equal(4, options.NumGenerations);
        Assert.Equal(GrpoLossType.Bnpo, ((GrpoOptions)Options(GroupRolloutFlags.Grpo(), "--loss-type", "bnpo")).LossType);
    }

    [Fact]
    public void FlagsNotGiven_KeepTheConfigFileValues()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("cai-flags-").FullName, "grpo.yaml");
        File.WriteAllText(config, "loss_type: bnpo\nscale_rewards: batch\nbeta: 0.04\n");

        var options = (GrpoOptions)Options(GroupRolloutFlags.Grpo(), "--config", config, "--epsilon", "0.3");

        Assert.Equal(GrpoLossType.Bnpo, options.LossType);
        Assert.Equal(GrpoScaleRewards.Batch, options.ScaleRewards);
        Assert.Equal(0.04, options.Beta);
        Assert.Equal(0.3, options.Epsilon);
    }

    [Fact]
    public void RlooAndPpo_OwnFlagsSetTheirOptions()
    {
        Assert.True(((RlooOptions)Options(GroupRolloutFlags.Rloo(), "--normalize-advantages", "true")).NormalizeAdvantages);
        Assert.Equal(KlEstimator.K3, ((PpoOptions)Options(new PpoFlags(), "--kl-estimator", "k3")).KlEstimator);
        Assert.Equal(DpoLossType.Ipo, ((OnlineDpoOptions)Options(new OnlineDpoFlags(), "--loss-type", "IPO")).LossType);
    }
}
