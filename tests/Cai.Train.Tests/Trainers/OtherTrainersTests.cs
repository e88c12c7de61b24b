using Cai.Core.Runs;
using Cai.Models.Chat;
using Cai.Train.Data;
using Cai.Train.Loop;
using Cai.Train.Models;
using Cai.Train.Options;
using Cai.Train.Schedules;
using Cai.Train.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Trainers;

[Collection(TorchCollection.Name)]
public sealed class OtherTrainersTests
{
    static IReadOnlyList<IReadOnlyDictionary<string, double>> Metrics(string dir) =>
        MetricsLog.Read(Path.Combine(dir, MetricsLog.FileName));

    static IReadOnlyList<TokenizedCompletion> Completions(int count, bool alternateLabels)
    {
        var examples = Enumerable.Range(0, count).Select(i => new KtoExample($"k{i}", i + 1, [ChatTurn.User($"Tell a story {i}.")],
            [ChatTurn.Assistant(i % 2 == 0 ? "Lily found a red ball." : "Tom broke the toy.")], !alternateLabels || i % 2 == 0)).ToArray();
        return CompletionDataset.Tokenize(examples, new CompletionTokenizer(new PlainChatFormat(), Stories.Tokenizer),
            new SequenceLimits(64, 32), new DataReport(), "fixture");
    }

    [Fact]
    public void RewardTrainer_OverfitPairs_AccuracyOneAndSavedHeadReloads()
    {
        var dir = Stories.TempDir();
        var pairs = Stories.Pairs(4);
        var options = new RewardOptions { PerDeviceTrainBatchSize = 4, MaxSteps = 12, LearningRate = 3e-3, LoggingSteps = 1, MaxLength = 64, LrSchedulerType = LrSchedulerType.Constant };
        var trainer = new RewardTrainer(Stories.Model(), options, pairs, pairs, Stories.Tokenizer.EosId);

        trainer.Train(new TrainerRun { OutputDir = dir, Plots = false });

        var metrics = Metrics(dir);
        Assert.Equal(Math.Log(2), metrics[0]["loss"], 5); // the zero-initialised head gives equal rewards at step 1
        Assert.Equal(1.0, metrics[^1]["eval_rewards/accuracies"]);
        var reloaded = new RewardModel(ModelFiles.LoadLlama(dir));
        reloaded.Load(dir);
        using var batch = SequenceCollator.CollatePairs(pairs, Stories.Tokenizer.EosId);
        using (no_grad())
        {
            reloaded.eval();
            trainer.Model.eval();
            var expected = trainer.Model.Rewards(batch.InputIds, batch.Lengths);
            Assert.True(reloaded.Rewards(batch.InputIds, batch.Lengths).allclose(expected, 1e-5, 1e-5));
        }
    }

    [Fact]
    public void SftTrainer_FewSteps_LossFallsAndAccumulationMatchesOneBatch()
    {
        var data = Completions(4, alternateLabels: false);
        SftOptions Options(int batch, int accumulation) => new()
        {
            PerDeviceTrainBatchSize = batch, GradientAccumulationSteps = accumulation, MaxSteps = 5, LearningRate = 1e-3,
            LoggingSteps = 1, MaxLength = 64, LrSchedulerType = LrSchedulerType.Constant,
        };
        var (a, b) = (Stories.TempDir(), Stories.TempDir());
        var (modelA, modelB) = (Stories.Model(), Stories.Model());
        modelA.to(float64);
        modelB.to(float64);

        new SftTrainer(modelA, Options(4, 1), data, [], Stories.Tokenizer.EosId).Train(new TrainerRun { OutputDir = a, Plots = false });
        new SftTrainer(modelB, Options(1, 4), data, [], Stories.Tokenizer.EosId).Train(new TrainerRun { OutputDir = b, Plots = false });

        var (ma, mb) = (Metrics(a), Metrics(b));
        Assert.True(ma[^1]["loss"] < ma[0]["loss"] * 0.8, $"{ma[0]["loss"]} -> {ma[^1]["loss"]}");
        for (var i = 0; i < ma.Count; i++)
            Assert.Equal(ma[i]["loss"], mb[i]["loss"], 1e-5);
    }

    [Fact]
    public void RewardTrainer_MarginColumn_EntersTheLossAsInTrl()
    {
        // The zero-initialised head scores chosen and rejected alike at step 1, so the loss is -log σ(0 - m) = ln(1 + e^m).
        var pairs = Stories.Pairs(4).Select((p, i) => p with { Margin = i % 2 == 0 ? 1.0 : null }).ToArray();
        var options = new RewardOptions { PerDeviceTrainBatchSize = 4, MaxSteps = 1, LearningRate = 1e-3, LoggingSteps = 1, MaxLength = 64 };
        var dir = Stories.TempDir();

        new RewardTrainer(Stories.Model(), options, pairs, [], Stories.Tokenizer.EosId).Train(new TrainerRun { OutputDir = dir, Plots = false });

        // Two pairs with m = 1 and two without (m = 0): the mean of ln(1 + e) and ln 2.
        Assert.Equal((Math.Log(1 + Math.E) + Math.Log(2)) / 2, Metrics(dir)[0]["loss"], 5);
    }

    [Fact]
    public void KtoTrainer_FewSteps_ChangesEveryParameterAndRaisesDesirableRewards()
    {
        var dir = Stories.TempDir();
        var model = Stories.Model();
        var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        var options = new KtoOptions { PerDeviceTrainBatchSize = 4, MaxSteps = 6, LearningRate = 1e-3, LoggingSteps = 1, MaxLength = 64, MaxPromptLength = 32 };

        new KtoTrainer(model, options, Completions(4, alternateLabels: true), [], Stories.Tokenizer.EosId)
            .Train(new TrainerRun { OutputDir = dir, Plots = false });

        var metrics = Metrics(dir);
        Assert.Equal(0.5, metrics[0]["loss"], 5); // policy == reference and z0 = 0: every loss is 1 - σ(0)
        Assert.True(metrics[^1]["loss"] < metrics[0]["loss"]);
        Assert.True(metrics[^1]["rewards/chosen"] > metrics[^1]["rewards/rejected"]);
        foreach (var (name, parameter) in model.named_parameters())
            Assert.True((parameter.detach() - before[name]).abs().max().ToDouble() > 0, $"{name} did not change");
    }

    [Fact]
    public void KtoTrainer_PrecomputedReference_TrainsLikeTheLiveOneAndReusesItsCache()
    {
        // The KL pairs are fixed in dataset order, so the reference can score them once: the precomputed run must follow
        // the live run's curve (the scores differ only by padding in float32), and a second run must reuse the file.
        var data = Completions(6, alternateLabels: true);
        var options = new KtoOptions
        {
            PerDeviceTrainBatchSize = 3, MaxSteps = 4, LearningRate = 1e-3, LoggingSteps = 1, MaxLength = 64, MaxPromptLength = 32, Seed = 3,
        };
        var (live, cached, again) = (Stories.TempDir(), Stories.TempDir(), Stories.TempDir());
        var cacheDir = Path.Combine(cached, "cache");

        new KtoTrainer(Stories.Model(), options, data, data, Stories.Tokenizer.EosId).Train(new TrainerRun { OutputDir = live, Plots = false });
        var first = new KtoTrainer(Stories.Model(), options with { PrecomputeRefLogProbs = true }, data, data, Stories.Tokenizer.EosId);
        first.Train(new TrainerRun { OutputDir = cached, Plots = false, CacheDir = cacheDir });
        var second = new KtoTrainer(Stories.Model(), options with { PrecomputeRefLogProbs = true }, data, data, Stories.Tokenizer.EosId);
        second.Train(new TrainerRun { OutputDir = again, Plots = false, CacheDir = cacheDir });

        static double[] Losses(string dir) => [.. Metrics(dir).Where(m => m.ContainsKey("loss")).Select(m => m["loss"])];
        static double[] EvalLosses(string dir) => [.. Metrics(dir).Where(m => m.ContainsKey("eval_loss")).Select(m => m["eval_loss"])];
        var (liveLoss, cachedLoss) = (Losses(live), Losses(cached));
        Assert.Equal(4, cachedLoss.Length);
        for (var i = 0; i < liveLoss.Length; i++)
            Assert.Equal(liveLoss[i], cachedLoss[i], 4);
        Assert.Equal(EvalLosses(live)[^1], EvalLosses(cached)[^1], 4);
        Assert.False(Assert.IsType<ReferenceLogProbCache>(first.Reference).Reused);
        Assert.True(Assert.IsType<ReferenceLogProbCache>(second.Reference).Reused);
        Assert.Equal(cachedLoss, Losses(again));
    }

    [Fact]
    public void KtoTrainer_KlPairs_ACycleOfOtherExamplesFixedBySeed()
    {
        // Rows come in pairs per prompt, as a KTO export keeps a prompt's rows together: a shift by one would pair most
        // prompts with their own other answer; the seeded cycle pairs each with some other example's completion.
        var rows = Enumerable.Range(0, 40).Select(i => new TokenizedCompletion($"r{i}", [1, 100 + i / 2], [200 + i], i % 2 == 0)).ToArray();

        var kl = KtoTrainer.KlPairs(rows, seed: 5);

        Assert.Equal(rows.Select(r => r.Id), kl.Select(p => p.Id));
        Assert.All(kl, (p, i) => Assert.Equal((rows[i].Prompt, rows[i].Completion), (p.Prompt, p.Chosen)));
        Assert.DoesNotContain(kl, p => p.Rejected[0] == p.Chosen[0]); // never its own completion
        Assert.Equal(rows.Select(r => r.Completion[0]).Order(), kl.Select(p => p.Rejected[0]).Order()); // each lent once
        Assert.True(kl.Count(p => p.Rejected[0] / 2 == p.Chosen[0] / 2) <= 4, "most KL completions should answer another prompt");
        Assert.Equal(kl.Select(p => p.Rejected[0]), KtoTrainer.KlPairs(rows, seed: 5).Select(p => p.Rejected[0]));
        Assert.NotEqual(kl.Select(p => p.Rejected[0]), KtoTrainer.KlPairs(rows, seed: 6).Select(p => p.Rejected[0]));
    }
}
