using System.Diagnostics;
using Cai.Models;
using Cai.Models.Llama;
using Cai.Models.Llama2c;
using Cai.Train.Data;
using Cai.Train.Loop;
using Cai.Train.Options;
using Cai.Train.Trainers;
using static TorchSharp.torch;

namespace Cai.Benchmarks.Training;

/// <summary>Times DPO optimizer steps on 8 pairs × 256 tokens for one model, with a live or precomputed reference.</summary>
internal static class DpoStepBenchmark
{
    public const int Pairs = 8, PromptTokens = 128, CompletionTokens = 128, WarmupSteps = 1, TimedSteps = 5;

    /// <summary>A ~10M-parameter Llama with random weights (vocab 512 like stories260K).</summary>
    public static LlamaConfig TenMillion { get; } = new()
    {
        VocabSize = 512, HiddenSize = 384, IntermediateSize = 1024, NumHiddenLayers = 6, NumAttentionHeads = 6,
        NumKeyValueHeads = 6, MaxPositionEmbeddings = 512, TieWordEmbeddings = false,
    };

    public static CausalLanguageModel Model(string name, string storiesPath)
    {
        manual_seed(0);
        return name == "stories260K" ? Llama2cCheckpoint.Load(storiesPath) : new LlamaForCausalLM(TenMillion);
    }

    /// <summary>Seconds per optimizer step (median of the timed steps) for <paramref name="model"/>.</summary>
    public static double SecondsPerStep(CausalLanguageModel model, bool precompute)
    {
        var random = new Random(1);
        int[] Ids(int n) => Enumerable.Range(0, n).Select(_ => random.Next(3, 512)).ToArray();
        var pairs = Enumerable.Range(0, Pairs)
            .Select(i => new TokenizedPair($"b{i}", [1, .. Ids(PromptTokens - 1)], Ids(CompletionTokens), Ids(CompletionTokens))).ToArray();
        var options = new DpoOptions
        {
            PerDeviceTrainBatchSize = Pairs, PerDeviceEvalBatchSize = Pairs, MaxSteps = WarmupSteps + TimedSteps,
            LearningRate = 1e-5, LoggingSteps = 1000, SaveSteps = 1000, PrecomputeRefLogProbs = precompute,
        };
        var stamps = new List<long>();
        var dir = Path.Combine(Path.GetTempPath(), "cai-bench-train", Guid.NewGuid().ToString("N"));
        var run = new TrainerRun { OutputDir = dir, Plots = false, BeforeStep = _ => stamps.Add(Stopwatch.GetTimestamp()) };
        new DpoTrainer(model, options, pairs, [], padId: 0).Train(run);
        stamps.Add(Stopwatch.GetTimestamp()); // the end of the last step (the final save follows it, outside the timing)
        Directory.Delete(dir, recursive: true);
        var steps = stamps.Zip(stamps.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalSeconds).Skip(WarmupSteps).Order().ToArray();
        return steps[steps.Length / 2];
    }
}
