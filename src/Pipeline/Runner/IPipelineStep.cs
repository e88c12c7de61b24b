using System.Threading.Channels;
using Cai.Core.Records;
using Cai.Core.Runs;

namespace Cai.Pipeline.Runner;

/// <summary>
/// One step of the dataflow the <see cref="PipelineRunner"/> wires together: reads records from its input channel
/// and writes what it makes to its output channel (null for the last step). Records are passed as
/// <see cref="IRecord"/> so steps of different types chain in one list.
/// </summary>
public interface IPipelineStep : IAsyncDisposable
{
    /// <summary>The step's name (the stage name for stored steps).</summary>
    string Name { get; }

    /// <summary>Live counts for progress and the manifest.</summary>
    StageCounters Counters { get; }

    /// <summary>Whether the step writes files and belongs in the manifest and progress display.</summary>
    bool IsStored { get; }

    /// <summary>Runs until the input completes or <paramref name="cancellationToken"/> fires.</summary>
    Task RunAsync(ChannelReader<IRecord> input, ChannelWriter<IRecord>? output, CancellationToken cancellationToken);

    /// <summary>The counts and timings to record in the manifest.</summary>
    StageSummary Summarize(DateTimeOffset? startedAt, DateTimeOffset? finishedAt);
}
