using Cai.Core.Records;

namespace Cai.Preference;

/// <summary>A candidate pair: built, or dropped with a reason (counted, never silently lost).</summary>
/// <param name="Id">The candidate's id (the pair id it would have).</param>
/// <param name="Pair">The pair, when built.</param>
/// <param name="Rejection">Why it was dropped, when it was.</param>
public sealed record PairOutcome(string Id, PreferencePair? Pair, PairRejection? Rejection)
{
    /// <summary>A built pair.</summary>
    public static PairOutcome Kept(PreferencePair pair) => new(pair.Id, pair, null);

    /// <summary>A dropped candidate.</summary>
    public static PairOutcome Dropped(string id, PairRejection reason) => new(id, null, reason);
}
