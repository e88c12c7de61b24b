namespace Cai.Revise;

/// <summary>Thread-safe counts a revise stage keeps while it runs: rounds revised or kept, and flagged final answers.</summary>
public sealed class RevisionStats
{
    readonly int[] flags = new int[Enum.GetValues<QualityFlag>().Length];
    int records, revised, unchanged;

    /// <summary>Rows written.</summary>
    public int Records => Volatile.Read(ref records);

    /// <summary>Rounds answered by the reviser.</summary>
    public int RoundsRevised => Volatile.Read(ref revised);

    /// <summary>Rounds kept unchanged because the critic found nothing to fix.</summary>
    public int RoundsUnchanged => Volatile.Read(ref unchanged);

    /// <summary>How many final answers carry each flag.</summary>
    public IReadOnlyDictionary<QualityFlag, int> FlaggedFinals =>
        Enum.GetValues<QualityFlag>().ToDictionary(f => f, f => Volatile.Read(ref flags[(int)f]));

    internal void Round(bool revised) => Interlocked.Increment(ref revised ? ref this.revised : ref unchanged);

    internal void Record(IReadOnlyList<QualityFlag>? flags)
    {
        Interlocked.Increment(ref records);
        foreach (var f in flags ?? []) Interlocked.Increment(ref this.flags[(int)f]);
    }
}
