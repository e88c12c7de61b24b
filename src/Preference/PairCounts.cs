namespace Cai.Preference;

/// <summary>Thread-safe counts of pairs kept and dropped (by reason), for the run manifest and logs.</summary>
public sealed class PairCounts
{
    readonly int[] _dropped = new int[Enum.GetValues<PairRejection>().Length];
    int _kept;

    /// <summary>Pairs written.</summary>
    public int Kept => Volatile.Read(ref _kept);

    /// <summary>Pairs dropped, by reason (every reason present, zero when none).</summary>
    public IReadOnlyDictionary<PairRejection, int> Dropped =>
        Enum.GetValues<PairRejection>().ToDictionary(r => r, r => Volatile.Read(ref _dropped[(int)r]));

    /// <summary>Counts a written pair.</summary>
    public void AddKept() => Interlocked.Increment(ref _kept);

    /// <summary>Counts a dropped pair.</summary>
    public void AddDropped(PairRejection reason) => Interlocked.Increment(ref _dropped[(int)reason]);
}
