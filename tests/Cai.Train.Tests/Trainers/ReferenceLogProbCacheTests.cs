using Cai.Core.Runs;
using Cai.Train.Data;
using Cai.Train.Loop;
using Cai.Train.Models;
using Cai.Train.Options;
using Cai.Train.Trainers;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Trainers;

[Collection(TorchCollection.Name)]
public sealed class ReferenceLogProbCacheTests
{
    [Fact]
    public void LoadOrCompute_SameModelAndData_EqualsLiveReferenceAndIsReused()
    {
        var model = Stories.Model();
        var pairs = Stories.Pairs(6);
        var dir = Stories.TempDir();
        var live = new LiveReference(ModelCopy.Frozen(model));

        var first = ReferenceLogProbCache.LoadOrCompute(model, pairs, pairs.Take(2).ToArray(), Stories.Tokenizer.EosId, 4, dir);
        var second = ReferenceLogProbCache.LoadOrCompute(Stories.Model(), pairs, pairs.Take(2).ToArray(), Stories.Tokenizer.EosId, 4, dir);

        Assert.False(first.Reused);
        Assert.True(second.Reused);
        Assert.Equal(first.Path, second.Path);
        int[] indices = [5, 0, 3];
        using var batch = SequenceCollator.CollatePairs(indices.Select(i => pairs[i]).ToArray(), Stories.Tokenizer.EosId);
        var expected = live.Score(false, indices, batch).data<float>().ToArray();
        var cached = second.Score(false, indices, batch).data<float>().ToArray();
        Assert.Equal(6, cached.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], cached[i], 1e-4f);
        Assert.All(expected, v => Assert.True(v < -1, $"log-prob {v} should be clearly negative"));
    }

    [Fact]
    public void LoadOrCompute_DifferentWeights_UsesNewKey()
    {
        var pairs = Stories.Pairs(2);
        var dir = Stories.TempDir();
        var changed = Stories.Model();
        using (no_grad())
            changed.parameters().First().add_(0.01);

        var a = ReferenceLogProbCache.LoadOrCompute(Stories.Model(), pairs, [], Stories.Tokenizer.EosId, 4, dir);
        var b = ReferenceLogProbCache.LoadOrCompute(changed, pairs, [], Stories.Tokenizer.EosId, 4, dir);

        Assert.NotEqual(a.Path, b.Path);
        Assert.False(b.Reused);
    }

    [Fact]
    public void DpoTrainer_PrecomputedReference_MatchesLiveReferenceCurve()
    {
        var pairs = Stories.Pairs(4);
        var options = new DpoOptions { PerDeviceTrainBatchSize = 4, MaxSteps = 3, LearningRate = 1e-3, LoggingSteps = 1, MaxLength = 64, MaxPromptLength = 32 };
        var (liveDir, cachedDir) = (Stories.TempDir(), Stories.TempDir());

        new DpoTrainer(Stories.Model(), options, pairs, [], Stories.Tokenizer.EosId).Train(new TrainerRun { OutputDir = liveDir, Plots = false });
        var trainer = new DpoTrainer(Stories.Model(), options with { PrecomputeRefLogProbs = true }, pairs, [], Stories.Tokenizer.EosId);
        trainer.Train(new TrainerRun { OutputDir = cachedDir, Plots = false });

        Assert.IsType<ReferenceLogProbCache>(trainer.Reference);
        var (live, cached) = (MetricsLog.Read(Path.Combine(liveDir, "metrics.jsonl")), MetricsLog.Read(Path.Combine(cachedDir, "metrics.jsonl")));
        for (var i = 0; i < live.Count; i++)
            Assert.Equal(live[i]["loss"], cached[i]["loss"], 1e-5);
    }
}
