using Cai.Core.Runs;
using Microsoft.Extensions.Logging;

namespace Cai.Pipeline.Runner;

public sealed partial class PipelineRunner
{
    async Task ReportAsync(RunManifest manifest, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.ReportInterval, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await SaveManifestAsync(WithCounts(manifest)).ConfigureAwait(false);
            if (options.LogProgress)
                LogCounts();
        }
    }

    RunManifest WithCounts(RunManifest manifest)
    {
        for (var i = 0; i < steps.Count; i++)
            if (steps[i].IsStored)
                manifest = manifest.WithStage(steps[i].Name, steps[i].Summarize(startedAt, finishedAt[i]));
        return manifest;
    }

    Task SaveManifestAsync(RunManifest manifest) => RunManifestFile.SaveAsync(manifest, runDir, CancellationToken.None);

    void LogCounts()
    {
        foreach (var c in Counters)
            LogStage(logger, c.Name, c.Received, c.Processed, c.Written, c.Failed, c.Skipped, c.Completed ? "done" : "running");
    }

    [LoggerMessage(LogLevel.Information, "Run started in {RunDir} (shard {Shard})")]
    static partial void LogStarted(ILogger logger, string runDir, string shard);

    [LoggerMessage(LogLevel.Information,
        "{Stage}: {Received} received, {Processed} processed, {Written} written, {Failed} failed, {Skipped} skipped ({State})")]
    static partial void LogStage(ILogger logger, string stage, int received, int processed, int written, int failed, int skipped, string state);

    [LoggerMessage(LogLevel.Information, "Run complete in {RunDir}: {Prompts} prompts in {Seconds:F1} s")]
    static partial void LogCompleted(ILogger logger, string runDir, int prompts, double seconds);

    [LoggerMessage(LogLevel.Warning, "Run cancelled; everything written in {RunDir} is kept and a rerun resumes from it")]
    static partial void LogCancelled(ILogger logger, string runDir);
}
