namespace Cai.Core.Runs;

/// <summary>Counts and timings of one stage of a run, as recorded in the manifest.</summary>
public sealed record StageSummary
{
    /// <summary>Records written by this stage (including those written before a resume).</summary>
    public int Written { get; init; }

    /// <summary>Items recorded as failed.</summary>
    public int Failed { get; init; }

    /// <summary>Items skipped because they were already written.</summary>
    public int Skipped { get; init; }

    /// <summary>When the stage started (from the injected <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the stage finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Wall time of the stage in seconds, when both timestamps are known.</summary>
    public double? DurationSeconds => StartedAt is { } start && FinishedAt is { } end ? (end - start).TotalSeconds : null;
}
