using Cai.Core.Runs;
using Cai.Train.Loop;
using Cai.Train.Losses;
using Cai.Train.Online;
using Cai.Train.Online.Rewards;
using Cai.Train.Options;

namespace Cai.Train.Tests.Online;

[Collection(TorchCollection.Name)]
public sealed class OnlineDpoTrainerTests
{
    static OnlineTrainingLoop Loop(OnlineDpoTrainer trainer, OnlineDpoOptions options, string dir, IRewardSource reward, int? stopAfter = null) =>
        new(trainer, options, RolloutPlan.For(options, 32), PpoTrainerTests.Prompts(32), Stories.Tokenizer, reward,
            new TrainerRun { OutputDir = dir, Plots = false, ResumeFromLatest = true, StopAfterStep = stopAfter, TokenizerFile = Stories.TokenizerPath });

    [Theory]
    [InlineData(DpoLossType.Sigmoid)]
    [InlineData(DpoLossType.Ipo)]
    public void Update_PolicyEqualToReference_GivesTheLossAtZeroMargin(DpoLossType type)
    {
        var losses = new List<double>();
        var options = new OnlineDpoOptions
        {
            PerDeviceTrainBatchSize = 4, GradientAccumulationSteps = 2, MaxNewTokens = 12, LearningRate = 1e-2, MaxSteps = 1, LossType = type,
        };

        Loop(new OnlineDpoTrainer(Stories.Model(), options) { AfterMicroBatch = losses.Add }, options, Stories.TempDir(), new DistinctScores()).Run();

        Assert.Equal(2, losses.Count); // 8 pairs in micro-batches of 4, one optimizer step
        // Both micro-batches run before the step, so the policy is still the reference: margin 0.
        var atZero = type == DpoLossType.Sigmoid ? Math.Log(2) : 1.0 / (2 * options.Beta) * (1.0 / (2 * options.Beta));
        Assert.All(losses, l => Assert.Equal(atZero, l, 4));
    }

    [Fact]
    public void Update_EveryPairTied_LeavesThePolicyAsItWas()
    {
        var dir = Stories.TempDir();
        var options = new OnlineDpoOptions { PerDeviceTrainBatchSize = 4, MaxNewTokens = 8, LearningRate = 1e-2, MaxSteps = 1, LoggingSteps = 1 };
        var policy = Stories.Model();
        var before = policy.parameters().Select(p => p.detach().clone()).ToList();
        var losses = new List<double>();

        Loop(new OnlineDpoTrainer(policy, options) { AfterMicroBatch = losses.Add }, options, dir, new ConstantScore()).Run();

        // A tie states no preference: no loss is reported and, on the first AdamW step, nothing moves.
        Assert.Empty(losses);
        Assert.All(policy.parameters().Zip(before), p => Assert.True(p.First.allclose(p.Second, rtol: 0, atol: 0), "a parameter moved on tied pairs"));
        var line = MetricsLog.Read(Path.Combine(dir, MetricsLog.FileName)).Single();
        Assert.Equal(1.0, line["objective/frac_ties"]);
        Assert.False(line.ContainsKey("loss"));
    }

    [Fact]
    public void Train_WordCountReward_RaisesTheMeanScore()
    {
        var dir = Stories.TempDir();
        var options = new OnlineDpoOptions
        {
            PerDeviceTrainBatchSize = 8, MaxNewTokens = 24, LearningRate = 3e-3, MaxSteps = 24, LoggingSteps = 1, Seed = 7,
        };

        Loop(new OnlineDpoTrainer(Stories.Model(), options), options, dir, new WordCountRewardSource("was")).Run();

        var lines = MetricsLog.Read(Path.Combine(dir, MetricsLog.FileName));
        Assert.Equal(24, lines.Count);
        var before = lines.Take(4).Average(l => l["objective/scores"]);
        var after = lines.TakeLast(4).Average(l => l["objective/scores"]);
        Assert.True(after > before + 1.0, $"mean 'was' score {before:F2} -> {after:F2}: {string.Join(" ", lines.Select(l => l["objective/scores"].ToString("F2")))}");
        Assert.All(lines, l => Assert.True(l["objective/scores_margin"] >= 0));
        // An update whose pairs all tie (the policy saturates the word count) has no loss and no implicit rewards.
        Assert.All(lines, l => Assert.Equal(l["objective/frac_ties"] < 1, l.ContainsKey("rewards/accuracies")));
        Assert.All(lines.Where(l => l.ContainsKey("rewards/accuracies")), l => Assert.InRange(l["rewards/accuracies"], 0.0, 1.0));
        Assert.All(lines, l => Assert.InRange(l["objective/frac_ties"], 0.0, 1.0));
        Assert.Contains(lines, l => l["objective/frac_ties"] is > 0 and < 1); // word counts tie often, and not always
        Assert.Equal(24 * 16, File.ReadAllLines(Path.Combine(dir, CompletionsLog.FileName)).Length);
    }

    [Fact]
    public void Resume_AfterAKill_ContinuesTheSameCurve()
    {
        var options = new OnlineDpoOptions { PerDeviceTrainBatchSize = 4, MaxNewTokens = 10, LearningRate = 1e-2, MaxSteps = 4, LoggingSteps = 1, SaveSteps = 2 };
        var straight = Stories.TempDir();
        Loop(new OnlineDpoTrainer(Stories.Model(), options), options, straight, new WordCountRewardSource("the")).Run();
        var resumed = Stories.TempDir();
        Assert.Equal(3, Loop(new OnlineDpoTrainer(Stories.Model(), options), options, resumed, new WordCountRewardSource("the"), stopAfter: 3).Run());
        Assert.Equal(4, Loop(new OnlineDpoTrainer(Stories.Model(), options), options, resumed, new WordCountRewardSource("the")).Run()); // from checkpoint-2

        var a = MetricsLog.Read(Path.Combine(straight, MetricsLog.FileName));
        var b = MetricsLog.Read(Path.Combine(resumed, MetricsLog.FileName));
        Assert.Equal(a.Select(l => l["step"]), b.Select(l => l["step"]));
        foreach (var name in new[] { "objective/scores", "objective/kl", "loss", "rewards/margins" })
            Assert.Equal(a.Select(l => Math.Round(l.GetValueOrDefault(name, double.NaN), 5)), b.Select(l => Math.Round(l.GetValueOrDefault(name, double.NaN), 5)));
        Assert.Equal(File.ReadAllLines(Path.Combine(straight, CompletionsLog.FileName)), File.ReadAllLines(Path.Combine(resumed, CompletionsLog.FileName)));
    }

    /// <summary>A score per response that no two different responses share (the text's hash), so no pair ties.</summary>
    sealed class DistinctScores : IRewardSource
    {
        public string Name => "distinct";

        public Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<double>>([.. batch.Select(q => (double)string.GetHashCode(q.Response + "|" + string.Join(",", q.ResponseIds), StringComparison.Ordinal))]);
    }

    /// <summary>The same score for every response: every pair ties.</summary>
    sealed class ConstantScore : IRewardSource
    {
        public string Name => "constant";

        public Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<double>>([.. batch.Select(_ => 1.0)]);
    }
}
