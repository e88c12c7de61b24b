using System.Threading.Channels;
using Cai.Core.Records;
using Cai.Core.Runs;
using Microsoft.Extensions.Logging;

namespace Cai.Pipeline.Runner;

/// <summary>
/// The one dataflow runner: prompts of this shard stream through the steps over bounded channels (a slow stage
/// holds back the ones before it), each step processing several items at once and appending its outputs to its
/// file as they are made. The manifest is saved atomically at the start, every <see cref="RunnerOptions.ReportInterval"/>
/// and at the end. Cancelling stops cleanly: every line already written stays, and a rerun resumes from there.
/// </summary>
public sealed partial class PipelineRunner
{
    readonly string runDir;
    readonly IReadOnlyList<IPipelineStep> steps;
    readonly RunnerOptions options;
    readonly TimeProvider time;
    readonly ILogger logger;
    readonly DateTimeOffset?[] finishedAt;
    DateTimeOffset startedAt;
    int promptsRead;

    /// <summary>Creates a runner over <paramref name="steps"/>, the first of which reads <see cref="PromptRecord"/>s.</summary>
    public PipelineRunner(string runDir, IReadOnlyList<IPipelineStep> steps, RunnerOptions options, TimeProvider time,
        ILogger<PipelineRunner> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDir);
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
            throw new ArgumentException("A pipeline needs at least one step.", nameof(steps));
        options.Validate();
        (this.runDir, this.steps, this.options, this.time, this.logger) = (runDir, steps, options, time, logger);
        finishedAt = new DateTimeOffset?[steps.Count];
    }

    /// <summary>Live counts of the steps that write files, in pipeline order (for progress displays).</summary>
    public IReadOnlyList<StageCounters> Counters => [.. steps.Where(s => s.IsStored).Select(s => s.Counters)];

    /// <summary>Prompts of this shard read so far.</summary>
    public int PromptsRead => Volatile.Read(ref promptsRead);

    /// <summary>Runs the pipeline over <paramref name="prompts"/> and returns the final manifest.</summary>
    /// <param name="prompts">The first step's inputs (prompts, or samples for a single later stage); those outside
    /// <see cref="RunnerOptions.Shard"/> are skipped, samples being sharded by their prompt id.</param>
    /// <param name="manifest">The manifest to complete (config, constitution, models are filled in by the caller).</param>
    /// <param name="cancellationToken">Stops the run; the outcome then says <see cref="RunOutcome.Cancelled"/>.</param>
    public async Task<RunOutcome> RunAsync(IAsyncEnumerable<IRecord> prompts, RunManifest manifest,
        CancellationToken cancellationToken)
    {
        startedAt = time.GetUtcNow();
        manifest = manifest with { StartedAt = startedAt, FinishedAt = null };
        await SaveManifestAsync(manifest).ConfigureAwait(false);
        LogStarted(logger, runDir, options.Shard.ToString());

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channels = steps.Select(_ => Channel.CreateBounded<IRecord>(new BoundedChannelOptions(options.ChannelCapacity)
        {
            SingleWriter = false,
            SingleReader = false,
        })).ToArray();
        var tasks = new List<Task> { Guard(PumpAsync(prompts, channels[0].Writer, linked.Token), linked) };
        for (var i = 0; i < steps.Count; i++)
            tasks.Add(Guard(RunStepAsync(i, channels, linked.Token), linked));

        using var stopReporter = new CancellationTokenSource();
        var reporter = ReportAsync(manifest, stopReporter.Token);
        Exception? fault = null;
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // A requested stop: what was written stays, the manifest below records where the run got to.
        }
        catch (Exception)
        {
            fault = tasks.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException)
                    ?? tasks.Select(t => t.Exception?.InnerException).First(e => e is not null);
        }
        await stopReporter.CancelAsync().ConfigureAwait(false);
        await reporter.ConfigureAwait(false);

        var cancelled = cancellationToken.IsCancellationRequested;
        manifest = WithCounts(manifest);
        if (!cancelled && fault is null)
            manifest = manifest.Finish(time);
        await SaveManifestAsync(manifest).ConfigureAwait(false);
        LogCounts();
        if (fault is not null)
            throw fault;
        if (cancelled)
            LogCancelled(logger, runDir);
        else
            LogCompleted(logger, runDir, PromptsRead, (time.GetUtcNow() - startedAt).TotalSeconds);
        return new RunOutcome(manifest, cancelled, PromptsRead)
        {
            Unfinished = steps.Where(s => s.IsStored).ToDictionary(s => s.Name, s => s.Counters.Unfinished, StringComparer.Ordinal),
        };
    }

    async Task PumpAsync(IAsyncEnumerable<IRecord> prompts, ChannelWriter<IRecord> writer, CancellationToken ct)
    {
        try
        {
            await foreach (var prompt in prompts.WithCancellation(ct).ConfigureAwait(false))
            {
                if (!options.Shard.Contains(ShardKey(prompt)))
                    continue;
                Interlocked.Increment(ref promptsRead);
                await writer.WriteAsync(prompt, ct).ConfigureAwait(false);
            }
            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
            throw;
        }
    }

    async Task RunStepAsync(int index, Channel<IRecord>[] channels, CancellationToken ct)
    {
        var output = index + 1 < channels.Length ? channels[index + 1].Writer : null;
        try
        {
            await steps[index].RunAsync(channels[index].Reader, output, ct).ConfigureAwait(false);
            finishedAt[index] = time.GetUtcNow();
            output?.Complete();
        }
        catch (Exception ex)
        {
            output?.Complete(ex);
            throw;
        }
    }

    /// <summary>The id a record is sharded by: its prompt's id, so every stage of a prompt lands in the same shard.</summary>
    public static string ShardKey(IRecord record) => record is SampleRecord sample ? sample.PromptId : record.Id;

    // The first step to fail stops the others, which would otherwise wait forever on a channel.
    static async Task Guard(Task task, CancellationTokenSource linked)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch
        {
            await linked.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
