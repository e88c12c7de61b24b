using Cai.Core.Records;
using Cai.Core.Runs;

namespace Cai.Preference;

/// <summary>
/// A seeded train/test split by key (an id, or a pair's prompt): an item is in the test split when the seed derived
/// from its key falls below the test fraction, so the split depends only on (seed, key), never on order, sharding or
/// resumption.
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

    /// <summary>Splits <paramref name="items"/> into train and test by their ids, keeping their order.</summary>
    public static (IReadOnlyList<T> Train, IReadOnlyList<T> Test) Split<T>(IEnumerable<T> items, long seed, double testFraction)
        where T : IRecord =>
        Split(items, item => item.Id, seed, testFraction);

    /// <summary>
    /// Splits <paramref name="items"/> into train and test by <paramref name="key"/>, keeping their order: items with
    /// the same key always land in the same split.
    /// </summary>
    public static (IReadOnlyList<T> Train, IReadOnlyList<T> Test) Split<T>(IEnumerable<T> items, Func<T, string> key, long seed,
        double testFraction)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(key);
        var train = new List<T>();
        var test = new List<T>();
        foreach (var item in items)
            (IsTest(key(item), seed, testFraction) ? test : train).Add(item);
        return (train, test);
    }

    /// <summary>
    /// The split key of a pair: its prompt conversation. Pairs of one prompt (the pairs of several samples, a revision
    /// pair and a feedback pair) share it, so no prompt is trained on and also held out.
    /// </summary>
    public static string PromptKey(PreferencePair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return PromptKey(pair.Prompt);
    }

    /// <summary>The split key of a prompt conversation: equal for equal role and content sequences.</summary>
    public static string PromptKey(IReadOnlyList<Message> prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return string.Join("\u001e", prompt.Select(m => m.Role + "\u001f" + m.Content));
    }
}
