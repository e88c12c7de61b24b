using Cai.Core.Records;

namespace Cai.Preference;

/// <summary>Applies the filter to built pairs and counts what is kept and dropped.</summary>
static class PairOutputs
{
    public static IReadOnlyList<PreferencePair> Keep(IEnumerable<PairOutcome> outcomes, PairFilter filter, PairCounts counts)
    {
        var kept = new List<PreferencePair>();
        foreach (var outcome in outcomes)
        {
            var rejection = outcome.Rejection ?? filter.Check(outcome.Pair!);
            if (rejection is { } reason)
                counts.AddDropped(reason);
            else
            {
                counts.AddKept();
                kept.Add(outcome.Pair!);
            }
        }
        return kept;
    }
}
