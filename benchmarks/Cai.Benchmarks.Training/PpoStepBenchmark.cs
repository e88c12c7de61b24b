using Cai.Core.Runs;
using Cai.Models.Chat;
using Cai.Models.Llama2c;
using Cai.Train.Data;
using Cai.Train.Loop;
using Cai.Train.Models;
using Cai.Train.Online;
using Cai.Train.Online.Rewards;
using Cai.Train.Options;

namespace Cai.Benchmarks.Training;

/// <summary>
/// Times PPO updates (TRL's defaults: 4 PPO epochs, response_length 53, temperature 0.7) on 32 responses per update
/// (per_device_train_batch_size 8 × gradient_accumulation_steps 4), split as the online loop logs it: rollout (sampling
/// through Models' generator), scoring (a word-count reward: negligible by design, so the split shows the trainer's own
/// cost), policy + value forward, reference forward, and the PPO epochs. Medians over the timed updates.
/// </summary>
internal static class PpoStepBenchmark
{
    public const int WarmupUpdates = 1, TimedUpdates = 3, Responses = 32;

    public static readonly string[] Columns = ["time/rollout", "time/score", "time/policy_forward", "time/reference", "time/update", "rollout/tokens_per_s", "val/response_length"];

    public static IReadOnlyDictionary<string, double> Medians(string name, string storiesPath, string promptsPath)
    {
        var tokenizer = Llama2cTokenizer.Load(Path.Combine(Path.GetDirectoryName(storiesPath)!, "tok512.bin"), 512);
        var policy = DpoStepBenchmark.Model(name, storiesPath);
        var value = new RewardModel(DpoStepBenchmark.Model(name, storiesPath));
        var options = new PpoOptions
        {
            PerDeviceTrainBatchSize = 8, GradientAccumulationSteps = 4, MaxSteps = WarmupUpdates + TimedUpdates, LoggingSteps = 1,
            LearningRate = 1e-4,
        };
        var prompts = PromptDataReader.Read(promptsPath, new PlainChatFormat(), tokenizer, policy.MaxLength - options.ResponseLength, out _);
        var dir = Path.Combine(Path.GetTempPath(), "cai-ppo-bench", Guid.NewGuid().ToString("N"));
        try
        {
            new OnlineTrainingLoop(new PpoTrainer(policy, value, options), options, prompts, tokenizer, new WordCountRewardSource("happy"),
                new TrainerRun { OutputDir = dir, Plots = false }).Run();
            var timed = MetricsLog.Read(Path.Combine(dir, MetricsLog.FileName)).Skip(WarmupUpdates).ToArray();
            return Columns.ToDictionary(c => c, c => Median(timed.Select(l => l[c])));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
