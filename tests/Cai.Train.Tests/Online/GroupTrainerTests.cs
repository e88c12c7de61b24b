using Cai.Core.Runs;
using Cai.Train.Loop;
using Cai.Train.Online;
using Cai.Train.Online.Rewards;
using Cai.Train.Options;

namespace Cai.Train.Tests.Online;

[Collection(TorchCollection.Name)]
public sealed class GroupTrainerTests
{
    static OnlineTrainingLoop Loop(GroupPolicyTrainer trainer, GroupRolloutOptions options, string dir, IRewardSource reward, int? stopAfter = null) =>
        new(trainer, options, RolloutPlan.For(options, 32), PpoTrainerTests.Prompts(32), Stories.Tokenizer, reward,
            new TrainerRun { OutputDir = dir, Plots = false, ResumeFromLatest = true, StopAfterStep = stopAfter, TokenizerFile = Stories.TokenizerPath });

    [Fact]
    public void Grpo_FirstMicroBatchOfAGeneration_HasRatioOneAndNoClipping()
    {
        var stats = new List<GroupStepStats>();
        var options = new GrpoOptions
        {
            PerDeviceTrainBatchSize = 4, GradientAccumulationSteps = 2, NumGenerations = 4, NumIterations = 2, Beta = 0.04,
            MaxCompletionLength = 12, LearningRate = 1e-2, MaxSteps = 1,
        };
        var grpo = new GrpoTrainer(Stories.Model(), options) { AfterMicroBatch = stats.Add };

        Loop(grpo, options, Stories.TempDir(), new WordCountRewardSource("the")).Run();

        Assert.Equal(4, stats.Count); // 2 iterations x 2 micro-batches of 4 rows
        Assert.Equal((0, 0), (stats[0].Iteration, stats[0].MicroBatch));
        Assert.Equal(1.0, stats[0].Ratio, 5);
        Assert.Equal(0.0, stats[0].ClipRatio);
        // The second pass runs after an optimizer step, against the log-probs of the policy that sampled.
        Assert.Contains(stats.Where(s => s.Iteration == 1), s => Math.Abs(s.Ratio - 1.0) > 1e-4);
    }

    [Fact]
    public void Grpo_WordCountReward_RaisesTheMeanReward()
    {
        var dir = Stories.TempDir();
        var options = new GrpoOptions
        {
            PerDeviceTrainBatchSize = 16, NumGenerations = 4, MaxCompletionLength = 24, LearningRate = 3e-3, MaxSteps = 12, LoggingSteps = 1,
            Seed = 7,
        };

        Loop(new GrpoTrainer(Stories.Model(), options), options, dir, new WordCountRewardSource("was")).Run();

        var lines = MetricsLog.Read(Path.Combine(dir, MetricsLog.FileName));
        Assert.Equal(12, lines.Count);
        var before = lines.Take(2).Average(l => l["reward"]);
        var after = lines.TakeLast(2).Average(l => l["reward"]);
        Assert.True(after > before + 1.0, $"mean 'was' count {before:F2} -> {after:F2}");
        Assert.All(lines, l => Assert.InRange(l["frac_reward_zero_std"], 0.0, 1.0));
        Assert.All(lines, l => Assert.True(l["completions/mean_length"] > 0));
        Assert.True(File.Exists(Path.Combine(dir, "model.safetensors")));
        Assert.Equal(12 * 16, File.ReadAllLines(Path.Combine(dir, CompletionsLog.FileName)).Length);
    }

    [Fact]
    public void Rloo_WordCountReward_RaisesTheMeanRewardAndMovesFromTheReference()
    {
        var dir = Stories.TempDir();
        var options = new RlooOptions
        {
            PerDeviceTrainBatchSize = 16, NumGenerations = 4, MaxCompletionLength = 24, LearningRate = 3e-3, MaxSteps = 12, LoggingSteps = 1,
            Seed = 7,
        };

        Loop(new RlooTrainer(Stories.Model(), options), options, dir, new WordCountRewardSource("was")).Run();

        var lines = MetricsLog.Read(Path.Combine(dir, MetricsLog.FileName));
        var before = lines.Take(2).Average(l => l["reward"]);
        var after = lines.TakeLast(2).Average(l => l["reward"]);
        Assert.True(after > before + 1.0, $"mean 'was' reward {before:F2} -> {after:F2}");
        Assert.Equal(0.0, lines[0]["kl"], 6); // the first generation is sampled by the reference itself
        Assert.True(lines[^1]["kl"] > 0, "the policy moved away from the reference");
        Assert.Equal(0.0, lines[0]["clip_ratio/region_mean"]); // one iteration: the ratio is 1
    }

    [Theory]
    [InlineData("grpo")]
    [InlineData("rloo")]
    public void Resume_AfterAKill_ContinuesTheSameCurve(string algorithm)
    {
        GroupRolloutOptions options = algorithm == "grpo"
            ? new GrpoOptions { PerDeviceTrainBatchSize = 4, GradientAccumulationSteps = 2, NumGenerations = 2, NumIterations = 2, Beta = 0.1 }
            : new RlooOptions { PerDeviceTrainBatchSize = 4, GradientAccumulationSteps = 2 };
        options = options with { MaxCompletionLength = 10, LearningRate = 1e-2, MaxSteps = 4, LoggingSteps = 1, SaveSteps = 2 };
        GroupPolicyTrainer New() => options is GrpoOptions g ? new GrpoTrainer(Stories.Model(), g) : new RlooTrainer(Stories.Model(), (RlooOptions)options);
        var straight = Stories.TempDir();
        Loop(New(), options, straight, new WordCountRewardSource("the")).Run();
        var resumed = Stories.TempDir();
        Assert.Equal(3, Loop(New(), options, resumed, new WordCountRewardSource("the"), stopAfter: 3).Run()); // killed after update 3
        Assert.Equal(4, Loop(New(), options, resumed, new WordCountRewardSource("the")).Run()); // resumes from checkpoint-2

        var a = MetricsLog.Read(Path.Combine(straight, MetricsLog.FileName));
        var b = MetricsLog.Read(Path.Combine(resumed, MetricsLog.FileName));
        Assert.Equal(a.Select(l => l["step"]), b.Select(l => l["step"]));
        foreach (var name in new[] { "reward", "kl", "loss", "grad_norm" })
            Assert.Equal(a.Select(l => Math.Round(l[name], 5)), b.Select(l => Math.Round(l[name], 5)));
        Assert.Equal(File.ReadAllLines(Path.Combine(straight, CompletionsLog.FileName)), File.ReadAllLines(Path.Combine(resumed, CompletionsLog.FileName)));
    }
}
