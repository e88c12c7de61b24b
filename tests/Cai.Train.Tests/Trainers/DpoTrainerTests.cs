using Cai.Core.Runs;
using Cai.Train.Loop;
using Cai.Train.Options;
using Cai.Train.Schedules;
using Cai.Train.Tests.Loop;
using Cai.Train.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Trainers;

[Collection(TorchCollection.Name)]
public sealed class DpoTrainerTests
{
    static DpoOptions Options(int batch = 4, int accumulation = 1, int steps = 1) => new()
    {
        PerDeviceTrainBatchSize = batch,
        PerDeviceEvalBatchSize = 8,
        GradientAccumulationSteps = accumulation,
        MaxSteps = steps,
        LearningRate = 1e-3,
        LrSchedulerType = LrSchedulerType.Constant,
        LoggingSteps = 1,
        SaveSteps = 1000,
        MaxLength = 64,
        MaxPromptLength = 32,
    };

    static TrainerRun Run(string dir) => new() { OutputDir = dir, Plots = false };

    static IReadOnlyList<IReadOnlyDictionary<string, double>> Metrics(string dir) =>
        MetricsLog.Read(Path.Combine(dir, MetricsLog.FileName));

    [Fact]
    public void Train_OneStep_ChangesEveryTrainableParameter()
    {
        var model = Stories.Model();
        var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());

        new DpoTrainer(model, Options(), Stories.Pairs(4), [], Stories.Tokenizer.EosId).Train(Run(Stories.TempDir()));

        foreach (var (name, parameter) in model.named_parameters())
            Assert.True((parameter.detach() - before[name]).abs().max().ToDouble() > 0, $"{name} did not change");
    }

    [Fact]
    public void Train_PolicyEqualsReference_FirstLossIsLn2()
    {
        var dir = Stories.TempDir();

        new DpoTrainer(Stories.Model(), Options(), Stories.Pairs(4), [], Stories.Tokenizer.EosId).Train(Run(dir));

        var first = Metrics(dir)[0];
        Assert.Equal(Math.Log(2), first["loss"], 6);
        Assert.Equal(0.0, first["rewards/margins"], 6);
    }

    [Fact]
    public void Train_OverfitOneBatch_AccuracyReachesOneAndLossFalls()
    {
        var dir = Stories.TempDir();

        new DpoTrainer(Stories.Model(), Options(steps: 15) with { Beta = 0.5 }, Stories.Pairs(4), [], Stories.Tokenizer.EosId).Train(Run(dir));

        var metrics = Metrics(dir);
        Assert.Equal(1.0, metrics[^1]["rewards/accuracies"]);
        Assert.True(metrics[^1]["loss"] < 0.1 * metrics[0]["loss"], $"loss {metrics[0]["loss"]} -> {metrics[^1]["loss"]}");
        Assert.True(metrics[^1]["rewards/margins"] > 0);
    }

    [Fact]
    public void Train_Batch8Accumulation1_EqualsBatch1Accumulation8()
    {
        var pairs = Stories.Pairs(8);
        // float64 weights: in float32, Adam's first step (≈ lr·sign(g)) flips on gradients that are pure rounding noise.
        var (a, b) = (Stories.Model(), Stories.Model());
        a.to(float64);
        b.to(float64);
        var (dirA, dirB) = (Stories.TempDir(), Stories.TempDir());

        new DpoTrainer(a, Options(batch: 8, accumulation: 1, steps: 3), pairs, [], Stories.Tokenizer.EosId).Train(Run(dirA));
        new DpoTrainer(b, Options(batch: 1, accumulation: 8, steps: 3), pairs, [], Stories.Tokenizer.EosId).Train(Run(dirB));

        var (ma, mb) = (Metrics(dirA), Metrics(dirB));
        for (var i = 0; i < ma.Count; i++)
            Assert.Equal(ma[i]["loss"], mb[i]["loss"], 1e-5);
        var paramsB = b.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in a.named_parameters())
        {
            var diff = (p - paramsB[name]).abs().max().ToDouble();
            Assert.True(diff < 1e-5, $"{name} differs by {diff}");
        }
    }

    [Fact]
    public void Train_ResumeFromCheckpoint_ReproducesUninterruptedCurve()
    {
        var pairs = Stories.Pairs(8);
        var options = Options(batch: 2, steps: 6) with { SaveSteps = 3, LrSchedulerType = LrSchedulerType.Linear, WarmupSteps = 2 };
        var (whole, split) = (Stories.TempDir(), Stories.TempDir());

        new DpoTrainer(Stories.Model(), options, pairs, pairs.Take(2).ToArray(), Stories.Tokenizer.EosId).Train(Run(whole));
        var stopped = new DpoTrainer(Stories.Model(), options, pairs, pairs.Take(2).ToArray(), Stories.Tokenizer.EosId)
            .Train(Run(split) with { StopAfterStep = 3 });
        var resumed = new DpoTrainer(Stories.Model(), options, pairs, pairs.Take(2).ToArray(), Stories.Tokenizer.EosId)
            .Train(Run(split) with { ResumeFromLatest = true });

        Assert.Equal(3, stopped);
        Assert.Equal(6, resumed);
        Assert.True(Directory.Exists(Path.Combine(split, "checkpoint-3")));
        var (expected, actual) = (Metrics(whole), Metrics(split));
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            foreach (var (name, value) in expected[i].Where(kv => kv.Key != "tokens/s"))
                Assert.True(value.Equals(actual[i][name]), $"line {i} {name}: {value} vs {actual[i][name]}");
    }

    [Fact]
    public void Train_ResumeAfterTheDataChanged_StartsOverAndRemovesStaleCheckpoints()
    {
        var options = Options(batch: 2, steps: 6) with { SaveSteps = 2 };
        var dir = Stories.TempDir();
        new DpoTrainer(Stories.Model(), options, Stories.Pairs(8), [], Stories.Tokenizer.EosId)
            .Train(Run(dir) with { DataHash = "old", StopAfterStep = 5 });
        Assert.Equal("old", CheckpointStore.ReadState(Path.Combine(dir, "checkpoint-4")).DataHash);

        var sameData = new DpoTrainer(Stories.Model(), options, Stories.Pairs(8), [], Stories.Tokenizer.EosId)
            .Train(Run(dir) with { DataHash = "old", ResumeFromLatest = true, StopAfterStep = 1 });
        var newData = new DpoTrainer(Stories.Model(), options, Stories.Pairs(6), [], Stories.Tokenizer.EosId)
            .Train(Run(dir) with { DataHash = "new", ResumeFromLatest = true, StopAfterStep = 3 });

        Assert.Equal(5, sameData); // resumed at checkpoint-4
        Assert.Equal(3, newData);  // started over at step 0
        Assert.Equal([1, 2, 3], Metrics(dir).Where(m => m.ContainsKey("loss")).Select(m => (int)m["step"]));
        Assert.Equal([Path.Combine(dir, "checkpoint-2")], Directory.GetDirectories(dir, "checkpoint-*"));
        Assert.Equal("new", CheckpointStore.ReadState(Path.Combine(dir, "checkpoint-2")).DataHash);
        var named = Assert.Throws<InvalidOperationException>(() => new DpoTrainer(Stories.Model(), options, Stories.Pairs(8), [], Stories.Tokenizer.EosId)
            .Train(Run(dir) with { DataHash = "old", ResumeFrom = Path.Combine(dir, "checkpoint-2") }));
        Assert.Contains("other data", named.Message);
    }

    [Fact]
    public void Train_NonFiniteLoss_StopsNamingStepAndKeepsLastCheckpoint()
    {
        var dir = Stories.TempDir();
        var model = Stories.Model();
        var run = Run(dir) with
        {
            BeforeStep = step =>
            {
                if (step == 2)
                    using (no_grad())
                        model.parameters().First().fill_(float.NaN);
            },
        };

        var error = Assert.Throws<TrainingDivergedException>(() =>
            new DpoTrainer(model, Options(steps: 5) with { SaveSteps = 2 }, Stories.Pairs(4), [], Stories.Tokenizer.EosId).Train(run));

        Assert.Equal(3, error.Step);
        Assert.Equal("loss", error.Metric);
        Assert.Contains("step 3", error.Message);
        Assert.Equal(Path.Combine(dir, "checkpoint-2"), error.LastCheckpoint);
        Assert.True(File.Exists(Path.Combine(dir, "checkpoint-2", "model.safetensors")));
    }

    [Fact]
    public void Train_InjectedClock_TokensPerSecondIsTokensOfTheStepPerElapsedSecond()
    {
        var dir = Stories.TempDir();
        var pairs = Stories.Pairs(4);

        new DpoTrainer(Stories.Model(), Options(steps: 2), pairs, [], Stories.Tokenizer.EosId)
            .Train(Run(dir) with { Time = new SteppingTimeProvider() });

        var metrics = Metrics(dir);
        Assert.Equal([1.0, 2.0], metrics.Select(m => m["step"]));
        Assert.All(metrics, m => Assert.Equal(pairs.Sum(p => p.TokenCount), m["tokens/s"]));
        Assert.Equal([1.0, 2.0], metrics.Select(m => m["epoch"])); // 4 pairs in one batch: one step per epoch
    }
}
