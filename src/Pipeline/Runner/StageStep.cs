using System.Threading.Channels;
using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Core.Stages;
using Cai.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cai.Pipeline.Runner;

/// <summary>
/// Drives one <see cref="IStage{TIn,TOut}"/> inside the runner and keeps its files in the run directory:
/// outputs in <c>&lt;stage&gt;.jsonl</c>, failures in <c>&lt;stage&gt;.failed.jsonl</c>, and the ids of inputs fully
/// handled in <c>&lt;stage&gt;.consumed.jsonl</c>. On start it first re-sends the outputs of earlier runs downstream
/// (the next stage skips what it already consumed), then processes live inputs, skipping those consumed before and,
/// unless <see cref="StageStepOptions.RetryFailed"/>, those that failed before.
/// </summary>
public sealed class StageStep<TIn, TOut> : IPipelineStep where TIn : IRecord where TOut : IRecord
{
    readonly IStage<TIn, TOut> stage;
    readonly StageStepOptions options;
    readonly StageStore store;
    readonly StageStore consumed;
    readonly ILogger logger;
    readonly Dictionary<string, int> earlierAttempts = new(StringComparer.Ordinal);

    /// <summary>Opens (or resumes) the stage's files in <paramref name="runDir"/>.</summary>
    public StageStep(IStage<TIn, TOut> stage, string runDir, StageStepOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(stage);
        this.stage = stage;
        this.options = options ?? new StageStepOptions();
        this.options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        logger = loggerFactory.CreateLogger<StageStep<TIn, TOut>>();
        var storeLogger = loggerFactory.CreateLogger<StageStore>();
        store = StageStore.Open(runDir, stage.Name, logger: storeLogger);
        // An output cut from the records file by the repair above must be made again, not stay consumed.
        ConsumedLedger.RequeueLost(StageFiles.Consumed(runDir, stage.Name), store.Contains, logger);
        consumed = StageStore.Open(runDir, StageFiles.ConsumedLedger(stage.Name), logger: storeLogger);
        Counters = new StageCounters(stage.Name);
        if (this.options.RetryFailed && File.Exists(store.FailedPath))
            // A retried item that fails again records all its attempts so far (each line already counts the earlier ones).
            foreach (var line in JsonlReader.Read<FailureRecord>(store.FailedPath, _ => { }))
                earlierAttempts[line.Record.Id] = Math.Max(earlierAttempts.GetValueOrDefault(line.Record.Id), line.Record.Attempts);
    }

    /// <inheritdoc />
    public string Name => stage.Name;

    /// <inheritdoc />
    public StageCounters Counters { get; }

    /// <inheritdoc />
    public bool IsStored => true;

    /// <summary>The stage's output store.</summary>
    public StageStore Store => store;

    /// <inheritdoc />
    public async Task RunAsync(ChannelReader<IRecord> input, ChannelWriter<IRecord>? output, CancellationToken cancellationToken)
    {
        if (output is not null)
            await RefeedAsync(output, cancellationToken).ConfigureAwait(false);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(input.ReadAllAsync(cancellationToken), parallel,
            (record, ct) => HandleAsync((TIn)record, output, ct)).ConfigureAwait(false);
        Counters.Completed = true;
    }

    async ValueTask HandleAsync(TIn item, ChannelWriter<IRecord>? output, CancellationToken ct)
    {
        Counters.AddReceived();
        if (consumed.Contains(item.Id))
        {
            Counters.AddSkipped();
            return;
        }
        if (!options.RetryFailed && store.HasFailed(item.Id))
        {
            Counters.AddSkipped();
            Counters.AddUnfinished(); // failed before and not retried: it still has not reached this stage's output
            return;
        }
        StageResult<TOut> result;
        try
        {
            result = await stage.ProcessAsync(item, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            result = StageResult<TOut>.Failed(item.Id, Name, ex);
        }
        Counters.AddProcessed();
        var outputIds = await WriteAsync(result.Outputs, output, ct).ConfigureAwait(false);
        if (result.Failure is { } failure)
        {
            if (earlierAttempts.TryGetValue(item.Id, out var earlier))
                failure = failure with { Attempts = failure.Attempts + earlier };
            logger.LogWarning("{Stage}: item {Id} failed ({Kind}): {Message}", Name, item.Id, failure.ErrorKind, failure.Message);
            await store.AppendFailureAsync(failure, CancellationToken.None).ConfigureAwait(false);
            Counters.AddFailed();
            Counters.AddUnfinished();
            return;
        }
        if (item is not IPartialRecord { IsComplete: false })
            await consumed.AppendAsync(new ConsumedRecord(item.Id, outputIds), CancellationToken.None).ConfigureAwait(false);
        else
            Counters.AddUnfinished();
    }

    // Outputs of a failed item (StageResult.Partial) are written too: the retry redoes the item and skips what is on file.
    // Returns the ids of every output, for the consumed ledger (a repair that cuts one re-queues the item).
    async Task<List<string>> WriteAsync(IReadOnlyList<TOut> outputs, ChannelWriter<IRecord>? output, CancellationToken ct)
    {
        var outputIds = new List<string>();
        foreach (var record in outputs)
        {
            outputIds.Add(record.Id);
            // An output already on file was sent downstream when this run started; sending it again would duplicate it.
            if (!await store.AppendAsync(record, CancellationToken.None).ConfigureAwait(false))
                continue;
            Counters.AddWritten();
            if (output is not null)
                await output.WriteAsync(record, ct).ConfigureAwait(false);
        }
        return outputIds;
    }

    async Task RefeedAsync(ChannelWriter<IRecord> output, CancellationToken ct)
    {
        if (store.Count == 0)
            return;
        var lines = JsonlReader.ReadAsync<TOut>(store.OutputPath,
            d => logger.LogWarning("{Stage}: skipping unreadable line on resume: {Diagnostic}", Name, d.ToString()), ct);
        await foreach (var line in lines.ConfigureAwait(false))
        {
            await output.WriteAsync(line.Record, ct).ConfigureAwait(false);
            Counters.AddRefed();
        }
        logger.LogInformation("{Stage}: resumed, {Count} earlier outputs sent downstream", Name, Counters.Refed);
    }

    /// <inheritdoc />
    public StageSummary Summarize(DateTimeOffset? startedAt, DateTimeOffset? finishedAt) => new()
    {
        Written = store.Count,
        // StageFailures' rule, on the open stores: a failure a later attempt consumed in full is resolved.
        Failed = store.FailedIds.Count(id => !consumed.Contains(id)),
        Skipped = Counters.Skipped,
        StartedAt = startedAt,
        FinishedAt = finishedAt,
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync().ConfigureAwait(false);
        await consumed.DisposeAsync().ConfigureAwait(false);
    }
}
