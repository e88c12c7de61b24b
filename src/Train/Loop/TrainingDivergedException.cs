namespace Cai.Train.Loop;

/// <summary>A metric became NaN or infinite; training stopped before the optimizer applied the bad update.</summary>
public sealed class TrainingDivergedException(int step, string metric, double value, string? lastCheckpoint)
    : Exception($"training diverged at step {step}: {metric} is {value}; stopped before the update. " +
        (lastCheckpoint is null ? "No checkpoint was saved yet." : $"The last good checkpoint is '{lastCheckpoint}'."))
{
    /// <summary>The 1-based optimizer step that produced the value.</summary>
    public int Step { get; } = step;

    /// <summary>The metric's name (<c>loss</c>, <c>grad_norm</c>).</summary>
    public string Metric { get; } = metric;

    /// <summary>The last checkpoint folder written before the failure, if any.</summary>
    public string? LastCheckpoint { get; } = lastCheckpoint;
}
