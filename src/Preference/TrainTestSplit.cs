using Cai.Core.Records;
using Cai.Core.Runs;

namespace Cai.Preference;

/// <summary>
/// A seeded train/test split by id: an item is in the test split when its per-item seed falls below the test
/// fraction, so the split depends only on (seed, id), never on order, sharding or resumption.
/// </summary>
public static class TrainTestSplit
{
    /// <summary>True when the item <paramref name="id"/> belongs to the test split.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is outside [0, 1].</exception>
    public static bool IsTest(string id, long seed, double testFraction)
    {
        if (testFraction is < 0 or > 1 or double.NaN)
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "test_fraction must be between 0 and 1.");
        return SeededRandom.DeriveSeed(seed, "split/" + id) / (int.MaxValue + 1.0) < testFraction;
    }

    /// <summary>Splits <paramref name="items"/> into train and test, keeping their order.</summary>
    public static (IReadOnlyList<T> Train, IReadOnlyList<T> Test) Split<T>(IEnumerable<T> items, long seed, double testFraction)
        where T : IRecord
    {
        var train = new List<T>();
        var test = new List<T>();
        foreach (var item in items)
            (IsTest(item.Id, seed, testFraction) ? test : train).Add(item);
        return (train, test);
    }
}
