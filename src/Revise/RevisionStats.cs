namespace Cai.Revise;

/// <summary>Thread-safe counts a revise stage keeps while it runs: rounds revised or kept, and flagged final answers.</summary>
public sealed class RevisionStats
{
    readonly int[] _flags = new int[Enum.GetValues<QualityFlag>().Length];
    int _records, _revised, _unchanged;

    /// <summary>Rows written.</summary>
    public int Records => Volatile.Read(ref _records);

    /// <summary>Rounds answered by the reviser.</summary>
    public int RoundsRevised => Volatile.Read(ref _revised);

    /// <summary>Rounds kept unchanged because the critic found nothing to fix.</summary>
    public int RoundsUnchanged => Volatile.Read(ref _unchanged);

    /// <summary>How many final answers carry each flag.</summary>
    public IReadOnlyDictionary<QualityFlag, int> FlaggedFinals =>
        Enum.GetValues<QualityFlag>().ToDictionary(f => f, f => Volatile.Read(ref _flags[(int)f]));

    internal void Round(bool revised) => Interlocked.Increment(ref revised ? ref _revised : ref _unchanged);

    internal void Record(IReadOnlyList<QualityFlag>? flags)
    {
        Interlocked.Increment(ref _records);
        foreach (var f in flags ?? []) Interlocked.Increment(ref _flags[(int)f]);
    }
}
