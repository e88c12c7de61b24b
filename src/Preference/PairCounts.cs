namespace Cai.Preference;

/// <summary>Thread-safe counts of pairs kept and dropped (by reason), for the run manifest and logs.</summary>
public sealed class PairCounts
{
    readonly int[] dropped = new int[Enum.GetValues<PairRejection>().Length];
    int kept;

    /// <summary>Pairs written.</summary>
    public int Kept => Volatile.Read(ref kept);

    /// <summary>Pairs dropped, by reason (every reason present, zero when none).</summary>
    public IReadOnlyDictionary<PairRejection, int> Dropped =>
        Enum.GetValues<PairRejection>().ToDictionary(r => r, r => Volatile.Read(ref dropped[(int)r]));

    /// <summary>Counts a written pair.</summary>
    public void AddKept() => Interlocked.Increment(ref kept);

    /// <summary>Counts a dropped pair.</summary>
    public void AddDropped(PairRejection reason) => Interlocked.Increment(ref dropped[(int)reason]);
}
