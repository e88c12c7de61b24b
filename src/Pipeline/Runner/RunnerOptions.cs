namespace Cai.Pipeline.Runner;

/// <summary>How the <see cref="PipelineRunner"/> moves records between stages.</summary>
public sealed record RunnerOptions
{
    /// <summary>Records buffered between two stages; a full buffer makes the upstream stage wait (backpressure).</summary>
    /// <value>The default value is 64.</value>
    public int ChannelCapacity { get; init; } = 64;

    /// <summary>The partition of prompt ids this process handles (<c>--shard k/n</c>).</summary>
    /// <value>The default value is <see cref="Shard.All"/>.</value>
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>How often the manifest is saved and, without a progress display, a progress line logged.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether progress lines are logged every <see cref="ReportInterval"/> (off when a progress bar shows them).</summary>
    /// <value>The default value is true.</value>
    public bool LogProgress { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (ChannelCapacity < 1)
            throw new ArgumentOutOfRangeException(nameof(ChannelCapacity), ChannelCapacity, "ChannelCapacity must be >= 1.");
        if (ReportInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ReportInterval), ReportInterval, "ReportInterval must be positive.");
    }
}
