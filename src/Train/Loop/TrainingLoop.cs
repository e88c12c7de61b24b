using Cai.Core.Runs;
using Cai.Train.Plots;
using Cai.Train.Schedules;
using Microsoft.Extensions.Logging;

namespace Cai.Train.Loop;

/// <summary>
/// The loop every trainer shares, nanoGPT style: for each step, seed, set the learning rate, run the micro-batches
/// (loss → backward), clip, guard against NaN/inf, step AdamW, then log, evaluate and checkpoint on schedule.
/// </summary>
public sealed class TrainingLoop(nn.Module model, TrainingOptions options, ITrainingTask task, TrainerRun run)
{
    readonly ILogger logger = run.LoggerFactory.CreateLogger<TrainingLoop>();

    /// <summary>Trains to the end (or to <see cref="TrainerRun.StopAfterStep"/>); returns the last step reached.</summary>
    /// <exception cref="TrainingDivergedException">A loss or gradient norm became NaN or infinite.</exception>
    public int Run()
    {
        options.Validate();
        Directory.CreateDirectory(run.OutputDir);
        var store = new CheckpointStore(run.OutputDir);
        var batches = new BatchSchedule(task.TrainCount, options.PerDeviceTrainBatchSize, options.GradientAccumulationSteps, options.Seed);
        var totalSteps = options.GetTotalSteps(batches.StepsPerEpoch);
        var schedule = options.CreateSchedule(totalSteps);
        var parameters = model.parameters().Where(p => p.requires_grad).ToArray();
        using var optimizer = optim.AdamW(parameters, options.LearningRate, options.AdamBeta1, options.AdamBeta2,
            options.AdamEpsilon, options.WeightDecay);
        var resume = ResumePoint(run, store, logger);

        var start = 0;
        if (resume is not null)
        {
            var state = CheckpointStore.ReadState(resume);
            task.LoadModel(resume);
            optimizer.load_state_dict(Path.Combine(resume, CheckpointStore.OptimizerFile));
            start = state.GlobalStep;
            if (state.Trainer != task.Name)
                throw new InvalidOperationException($"'{resume}' was written by the {state.Trainer} trainer, not {task.Name}");
            if (state.TotalSteps != totalSteps || state.Seed != options.Seed)
                logger.LogWarning("resuming {Checkpoint} with {Steps} total steps and seed {Seed} (it was saved with {SavedSteps} and {SavedSeed}): the curve will differ from the original run",
                    resume, totalSteps, options.Seed, state.TotalSteps, state.Seed);
            logger.LogInformation("resuming from {Checkpoint} at step {Step}", resume, start);
        }

        using var metrics = new MetricsWriter(Path.Combine(run.OutputDir, MetricsLog.FileName), resume is null ? null : start);
        var window = new MetricSums();
        var lastCheckpoint = resume;
        var (tokens, started, loggedStep) = (0L, run.Time.GetTimestamp(), start);
        var end = Math.Min(totalSteps, run.StopAfterStep is { } stop ? start + stop : totalSteps);
        logger.LogInformation("training {Task}: {Examples} examples, {Steps} steps, {StepsPerEpoch} steps per epoch",
            task.Name, task.TrainCount, totalSteps, batches.StepsPerEpoch);
        for (var step = start; step < end; step++)
        {
            var learningRate = BeginStep(run, options.Seed, step, schedule, optimizer);
            var micro = batches.MicroBatches(step);
            var weight = task.StepWeight(micro);
            optimizer.zero_grad();
            var stepSums = new MetricSums();
            foreach (var indices in micro)
            {
                using var scope = NewDisposeScope();
                var (loss, count) = task.Loss(indices, weight, stepSums);
                loss.backward();
                tokens += count;
            }

            var gradNorm = nn.utils.clip_grad_norm_(parameters, options.MaxGradNorm > 0 ? options.MaxGradNorm : double.PositiveInfinity);
            foreach (var (name, value) in stepSums.Means().Append(KeyValuePair.Create("grad_norm", gradNorm)))
            {
                if (!double.IsFinite(value))
                    throw new TrainingDivergedException(step + 1, name, value, lastCheckpoint);
                window.Add(name, value, 1);
            }

            optimizer.step();
            window.Add("learning_rate", learningRate, 1);
            var done = step + 1;
            if (run.AfterStep is { } afterStep)
                afterStep(new StepProgress(done, totalSteps, stepSums.Means().FirstOrDefault(kv => kv.Key == "loss").Value));
            if (done % options.LoggingSteps == 0 || done == totalSteps)
            {
                var seconds = Math.Max(1e-9, run.Time.GetElapsedTime(started).TotalSeconds);
                metrics.Write([.. window.Means(), new("tokens/s", tokens / seconds), new("epoch", batches.Epoch(done)), new("step", done)]);
                logger.LogInformation("step {Step}/{Total} loss {Loss:F4} lr {LearningRate:E2} {StepsPerSecond:F2} it/s", done, totalSteps,
                    window.Means().First(kv => kv.Key == "loss").Value, learningRate, (done - loggedStep) / seconds);
                (tokens, started, loggedStep) = (0, run.Time.GetTimestamp(), done);
                window.Clear();
            }

            if (task.HasEval && (done % (options.EvalSteps ?? options.LoggingSteps) == 0 || done == totalSteps))
                Evaluate(metrics, done, batches.Epoch(done));
            if (done % options.SaveSteps == 0 && done < totalSteps)
            {
                lastCheckpoint = store.Save(new TrainerState(done, batches.Epoch(done), options.Seed, totalSteps, task.Name, run.DataHash),
                    optimizer, options, task.SaveModel);
                logger.LogInformation("saved {Checkpoint}", lastCheckpoint);
                WritePlots(metrics.Path);
            }
        }

        if (end == totalSteps)
        {
            task.SaveModel(run.OutputDir);
            WritePlots(metrics.Path);
            logger.LogInformation("finished {Steps} steps; model saved to {Dir}", totalSteps, run.OutputDir);
        }

        return end;
    }

    void Evaluate(MetricsWriter metrics, int step, double epoch)
    {
        var sums = new MetricSums();
        using (no_grad())
            task.Evaluate(sums);
        metrics.Write([.. sums.Means().Select(kv => KeyValuePair.Create("eval_" + kv.Key, kv.Value)), new("epoch", epoch), new("step", step)]);
    }

    void WritePlots(string metricsPath)
    {
        if (run.Plots)
            TrainingPlots.Write(metricsPath, run.OutputDir);
    }

    /// <summary>
    /// The checkpoint a run resumes from, offline and online: <see cref="TrainerRun.ResumeFrom"/>, or the latest in the
    /// output folder with <see cref="TrainerRun.ResumeFromLatest"/>; null starts over. A checkpoint trained on other data
    /// (another data hash) is refused when named, and otherwise dropped with every stale checkpoint.
    /// </summary>
    internal static string? ResumePoint(TrainerRun run, CheckpointStore store, ILogger logger)
    {
        var resume = run.ResumeFrom ?? (run.ResumeFromLatest ? store.Latest() : null);
        if (resume is null || run.DataHash is not { } hash || CheckpointStore.ReadState(resume).DataHash is not { } saved || saved == hash)
            return resume;
        if (run.ResumeFrom is not null)
            throw new InvalidOperationException($"'{resume}' was trained on other data (data hash {saved}, now {hash})");
        logger.LogWarning("the training data changed since {Checkpoint} (data hash {Saved}, now {Hash}): starting over, {Removed} stale checkpoints removed",
            resume, saved, hash, store.RemoveAll());
        return null;
    }

    /// <summary>
    /// What starts every optimizer step, offline and online: the run's hook, torch seeded by (seed, step) so that a
    /// resumed run needs no RNG file, and the schedule's rate set on every parameter group; returns that rate.
    /// </summary>
    internal static double BeginStep(TrainerRun run, int seed, int step, LearningRateSchedule schedule, optim.Optimizer optimizer)
    {
        run.BeforeStep?.Invoke(step);
        random.manual_seed(seed + step);
        var learningRate = schedule.LearningRate(step);
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = learningRate;
        return learningRate;
    }
}
