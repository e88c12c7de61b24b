namespace Cai.Pipeline.Runner;

/// <summary>Live, thread-safe counts of one stage during a run, read by progress displays and the manifest.</summary>
public sealed class StageCounters(string name)
{
    int received, processed, written, failed, skipped, refed, unfinished;

    /// <summary>The stage name.</summary>
    public string Name { get; } = name;

    /// <summary>Inputs that reached the stage in this run (processed, skipped or still in flight).</summary>
    public int Received => Volatile.Read(ref received);

    /// <summary>Inputs processed in this run (succeeded or failed).</summary>
    public int Processed => Volatile.Read(ref processed);

    /// <summary>Output records appended in this run.</summary>
    public int Written => Volatile.Read(ref written);

    /// <summary>Inputs that failed in this run.</summary>
    public int Failed => Volatile.Read(ref failed);

    /// <summary>Inputs skipped because an earlier run already consumed (or failed) them.</summary>
    public int Skipped => Volatile.Read(ref skipped);

    /// <summary>Outputs of an earlier run sent downstream again on resume.</summary>
    public int Refed => Volatile.Read(ref refed);

    /// <summary>
    /// Inputs received in this run that did not reach this stage's output: failed now, failed before and not retried,
    /// or incomplete (a group missing members). Zero in every stage means every input reached every stage.
    /// </summary>
    public int Unfinished => Volatile.Read(ref unfinished);

    /// <summary>True once the stage has drained its input.</summary>
    public bool Completed { get; internal set; }

    internal void AddReceived() => Interlocked.Increment(ref received);
    internal void AddProcessed() => Interlocked.Increment(ref processed);
    internal void AddWritten() => Interlocked.Increment(ref written);
    internal void AddFailed() => Interlocked.Increment(ref failed);
    internal void AddSkipped() => Interlocked.Increment(ref skipped);
    internal void AddRefed() => Interlocked.Increment(ref refed);
    internal void AddUnfinished() => Interlocked.Increment(ref unfinished);
}
