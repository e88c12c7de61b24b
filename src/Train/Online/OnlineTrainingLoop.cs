using System.Text.Json;
using Cai.Core.Json;
using Cai.Core.Runs;
using Cai.Core.Storage;
using Cai.Models.Tokenizers;
using Cai.Train.Online.Rewards;
using Cai.Train.Plots;
using Microsoft.Extensions.Logging;

namespace Cai.Train.Online;

/// <summary>
/// The loop every online trainer shares: for each update, seed, set the learning rate, take the update's prompts
/// (<see cref="BatchSchedule"/>: a pure function of seed and step), sample responses from the policy, score them
/// through the reward seam, and hand the scored batch to the algorithm; then log (metrics.jsonl with TRL's names,
/// completions.jsonl), checkpoint atomically and plot, with the same files and resume rules as <see cref="TrainingLoop"/>
/// (a checkpoint saved with another <see cref="TrainerRun.DataHash"/> is not resumed: the run starts over).
/// </summary>
public sealed class OnlineTrainingLoop(IOnlineAlgorithm algorithm, TrainingOptions options, RolloutPlan plan, IReadOnlyList<TokenizedPrompt> prompts,
    ITextTokenizer tokenizer, IRewardSource source, TrainerRun run)
{
    /// <summary>PPO's loop: one response per prompt, <c>batch_size</c> prompts per update.</summary>
    public OnlineTrainingLoop(IOnlineAlgorithm algorithm, OnPolicyOptions options, IReadOnlyList<TokenizedPrompt> prompts,
        ITextTokenizer tokenizer, IRewardSource source, TrainerRun run)
        : this(algorithm, options, RolloutPlan.For(options, prompts.Count), prompts, tokenizer, source, run)
    {
    }

    /// <summary>The file keeping a fitted reward normalisation, so a resumed run scores the same.</summary>
    public const string NormalizationFile = "reward_normalization.json";

    readonly ILogger logger = run.LoggerFactory.CreateLogger<OnlineTrainingLoop>();

    /// <summary>The reward source in use (normalised when asked), set when <see cref="Run"/> starts.</summary>
    public IRewardSource? Reward { get; private set; }

    /// <summary>Trains to the end (or to <see cref="TrainerRun.StopAfterStep"/>); returns the last update reached.</summary>
    /// <exception cref="TrainingDivergedException">A loss or gradient norm became NaN or infinite.</exception>
    public int Run()
    {
        options.Validate();
        Directory.CreateDirectory(run.OutputDir);
        var store = new CheckpointStore(run.OutputDir);
        var schedule = new BatchSchedule(prompts.Count, plan.PromptsPerUpdate, 1, options.Seed);
        var total = plan.TotalUpdates;
        var lr = options.CreateSchedule(total);
        var sampler = new RolloutSampler(algorithm.Policy, tokenizer, plan);
        using var optimizer = optim.AdamW(algorithm.Parameters, options.LearningRate, options.AdamBeta1, options.AdamBeta2,
            options.AdamEpsilon, options.WeightDecay);
        var stepper = new OptimizerStepper(optimizer, algorithm.Parameters, options.MaxGradNorm);
        var resume = TrainingLoop.ResumePoint(run, store, logger);

        var start = 0;
        if (resume is not null)
        {
            var state = CheckpointStore.ReadState(resume);
            if (state.Trainer != algorithm.Name)
                throw new InvalidOperationException($"'{resume}' was written by the {state.Trainer} trainer, not {algorithm.Name}");
            algorithm.Load(resume);
            optimizer.load_state_dict(Path.Combine(resume, CheckpointStore.OptimizerFile));
            start = state.GlobalStep;
            if (state.TotalSteps != total || state.Seed != options.Seed)
                logger.LogWarning("resuming {Checkpoint} with {Steps} updates and seed {Seed} (it was saved with {SavedSteps} and {SavedSeed}): the curve will differ",
                    resume, total, options.Seed, state.TotalSteps, state.Seed);
            logger.LogInformation("resuming from {Checkpoint} at update {Step}", resume, start);
        }

        Reward = Normalize(sampler, resume is not null);
        using var metrics = new MetricsWriter(Path.Combine(run.OutputDir, MetricsLog.FileName), resume is null ? null : start);
        using var completions = new CompletionsLog(run.OutputDir, resume is null ? null : start);
        var window = new MetricSums();
        stepper.LastCheckpoint = resume;
        var end = Math.Min(total, run.StopAfterStep is { } stop ? start + stop : total);
        logger.LogInformation("training {Algorithm}: {Prompts} prompts, {Updates} updates of {Batch} responses, reward {Reward}",
            algorithm.Name, prompts.Count, total, plan.RowsPerUpdate, Reward.Name);
        for (var update = start; update < end; update++)
        {
            var learningRate = TrainingLoop.BeginStep(run, options.Seed, update, lr, optimizer);
            var rows = plan.Rows(schedule.MicroBatches(update)[0].Select(i => prompts[i]).ToArray());
            var seeds = rows.Select((_, i) => (long)options.Seed * 1_000_003L + (long)update * plan.RowsPerUpdate + i).ToArray();
            var sums = new MetricSums();
            var clock = run.Time.GetTimestamp();
            using var rollout = sampler.Sample(rows, seeds);
            var rolloutSeconds = run.Time.GetElapsedTime(clock).TotalSeconds;
            clock = run.Time.GetTimestamp();
            var scores = Score(rollout);
            var scoreSeconds = run.Time.GetElapsedTime(clock).TotalSeconds;
            stepper.Update = update + 1;
            algorithm.Update(rollout, plan.Penalise(scores, rollout.EndedWithEos), stepper, sums, update);
            sums.Add("time/rollout", rolloutSeconds, 1);
            sums.Add("time/score", scoreSeconds, 1);
            sums.Add("rollout/tokens_per_s", rollout.TokenCount / Math.Max(1e-9, rolloutSeconds), 1);
            foreach (var (name, value) in sums.Means())
            {
                if (!double.IsFinite(value))
                    throw new TrainingDivergedException(update + 1, name, value, stepper.LastCheckpoint);
                window.Add(name, value, 1);
            }

            window.Add("lr", learningRate, 1);
            var done = update + 1;
            run.AfterStep?.Invoke(new StepProgress(done, total, sums.Means().FirstOrDefault(kv => kv.Key == plan.LossMetric).Value));
            if (done % options.LoggingSteps == 0 || done == total)
            {
                var means = window.Means().ToArray();
                metrics.Write([.. means, new("episode", (double)done * plan.RowsPerUpdate), new("step", done)]);
                completions.Write(done, rollout, scores);
                logger.LogInformation("update {Step}/{Total} score {Score:F3} kl {Kl:F3} lr {LearningRate:E2}", done, total,
                    Mean(means, plan.ScoreMetric), Mean(means, plan.KlMetric), learningRate);
                window.Clear();
            }

            if (done % options.SaveSteps == 0 && done < total)
            {
                var state = new TrainerState(done, (double)done * plan.PromptsPerUpdate / prompts.Count, options.Seed, total, algorithm.Name, run.DataHash);
                stepper.LastCheckpoint = store.Save(state, optimizer, options, dir => algorithm.Save(dir, run.TokenizerFile));
                logger.LogInformation("saved {Checkpoint}", stepper.LastCheckpoint);
                WritePlots(metrics.Path);
            }
        }

        if (end == total)
        {
            algorithm.Save(run.OutputDir, run.TokenizerFile);
            WritePlots(metrics.Path);
            logger.LogInformation("finished {Steps} updates; policy saved to {Dir}", total, run.OutputDir);
        }

        return end;
    }

    IReadOnlyList<double> Score(RolloutBatch rollout)
    {
        var scores = Reward!.ScoreAsync(rollout.Queries(tokenizer.EosId)).GetAwaiter().GetResult();
        if (scores.Count != rollout.Count)
            throw new InvalidOperationException($"reward source {Reward!.Name} returned {scores.Count} scores for {rollout.Count} responses");
        return scores;
    }

    // Fitted on responses of the policy before its first update (the reference policy), kept in the output folder.
    IRewardSource Normalize(RolloutSampler sampler, bool resuming)
    {
        if (plan.RewardNormalizationSamples == 0)
            return source;
        var path = Path.Combine(run.OutputDir, NormalizationFile);
        Normalization fit;
        if (resuming && File.Exists(path))
            fit = JsonSerializer.Deserialize<Normalization>(File.ReadAllText(path), CaiJson.Options)
                ?? throw new InvalidDataException($"{path}: expected {{\"gain\", \"bias\"}}");
        else
        {
            var rows = Enumerable.Range(0, plan.RewardNormalizationSamples).Select(i => prompts[i % prompts.Count]).ToArray();
            var seeds = rows.Select((_, i) => -1L - i).ToArray(); // disjoint from the training seeds
            using var rollout = sampler.Sample(rows, seeds);
            var (gain, bias) = NormalizedRewardSource.Fit(source.ScoreAsync(rollout.Queries(tokenizer.EosId)).GetAwaiter().GetResult());
            fit = new Normalization(gain, bias);
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(fit, CaiJson.Options));
            logger.LogInformation("reward normalisation fitted on {Count} reference samples: gain {Gain:G4} bias {Bias:G4}", rows.Length, gain, bias);
        }

        return new NormalizedRewardSource(source, fit.Gain, fit.Bias);
    }

    static double Mean(IEnumerable<KeyValuePair<string, double>> means, string name) =>
        means.FirstOrDefault(kv => kv.Key == name).Value;

    void WritePlots(string metricsPath)
    {
        if (run.Plots)
            TrainingPlots.Write(metricsPath, run.OutputDir, plan.PlottedMetrics);
    }

    sealed record Normalization(double Gain, double Bias);
}
