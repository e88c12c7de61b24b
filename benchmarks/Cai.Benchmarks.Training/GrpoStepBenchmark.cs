using System.Diagnostics;
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
/// GRPO against PPO on the same model and batch: 32 completions per update (per_device_train_batch_size 8 ×
/// gradient_accumulation_steps 4), 53 tokens at temperature 0.7, a word-count reward; GRPO with TRL's defaults
/// (num_generations 8, beta 0 so no reference, one iteration, dapo), PPO with its defaults (4 epochs, value model).
/// Reports the median wall time of an update (rollout included) and the process's peak working set, so run each
/// algorithm in its own process.
/// </summary>
internal static class GrpoStepBenchmark
{
    public const int WarmupUpdates = 1, TimedUpdates = 3;

    public static (double UpdateSeconds, double RolloutSeconds, long PeakWorkingSet) Run(string algorithm, string name, string storiesPath, string promptsPath)
    {
        var tokenizer = Llama2cTokenizer.Load(Path.Combine(Path.GetDirectoryName(storiesPath)!, "tok512.bin"), 512);
        var policy = DpoStepBenchmark.Model(name, storiesPath);
        var prompts = PromptDataReader.Read(promptsPath, new PlainChatFormat(), tokenizer, policy.MaxLength - 53, out _);
        var dir = Path.Combine(Path.GetTempPath(), "cai-grpo-bench", Guid.NewGuid().ToString("N"));
        var seconds = new List<double>();
        var clock = new Stopwatch();
        var run = new TrainerRun
        {
            OutputDir = dir, Plots = false, BeforeStep = _ => clock.Restart(), AfterStep = _ => seconds.Add(clock.Elapsed.TotalSeconds),
        };
        try
        {
            const int steps = WarmupUpdates + TimedUpdates;
            if (algorithm == "ppo")
            {
                var options = new PpoOptions { PerDeviceTrainBatchSize = 8, GradientAccumulationSteps = 4, MaxSteps = steps, LoggingSteps = 1, LearningRate = 1e-4 };
                new OnlineTrainingLoop(new PpoTrainer(policy, new RewardModel(DpoStepBenchmark.Model(name, storiesPath)), options), options, prompts,
                    tokenizer, new WordCountRewardSource("happy"), run).Run();
            }
            else
            {
                var options = new GrpoOptions
                {
                    PerDeviceTrainBatchSize = 8, GradientAccumulationSteps = 4, MaxSteps = steps, LoggingSteps = 1, LearningRate = 1e-4,
                    MaxCompletionLength = 53, Temperature = 0.7,
                };
                new OnlineTrainingLoop(new GrpoTrainer(policy, options), options, RolloutPlan.For(options, prompts.Count), prompts, tokenizer,
                    new WordCountRewardSource("happy"), run).Run();
            }

            var rollout = MetricsLog.Read(Path.Combine(dir, MetricsLog.FileName)).Skip(WarmupUpdates).Select(l => l["time/rollout"]);
            return (Median(seconds.Skip(WarmupUpdates)), Median(rollout), Process.GetCurrentProcess().PeakWorkingSet64);
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
