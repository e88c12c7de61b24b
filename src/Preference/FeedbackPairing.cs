namespace Cai.Preference;

/// <summary>Which samples of one prompt are compared when feedback pairs are labelled.</summary>
public enum FeedbackPairing
{
    /// <summary>Disjoint pairs in sample-index order, (0, 1), (2, 3), ...: n / 2 comparisons, each sample in one pair.</summary>
    Adjacent,

    /// <summary>
    /// Every pair i &lt; j: n (n - 1) / 2 comparisons. Each sample appears in n - 1 pairs, so the same generations give
    /// about n - 1 times as many labelled pairs, at the judge cost of every comparison.
    /// </summary>
    All,
}
