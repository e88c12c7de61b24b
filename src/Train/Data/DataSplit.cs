namespace Cai.Train.Data;

/// <summary>A seeded train/eval split: the same seed and input give the same split on every machine.</summary>
public static class DataSplit
{
    /// <summary>Shuffles with <c>new Random(seed)</c> and holds out round(n · <paramref name="evalFraction"/>) items (at least one when the fraction is positive and n ≥ 2).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="evalFraction"/> is not in [0, 1).</exception>
    public static (IReadOnlyList<T> Train, IReadOnlyList<T> Eval) Split<T>(IReadOnlyList<T> items, double evalFraction, int seed) =>
        Split(items, evalFraction, seed, groupKey: null);

    /// <summary>
    /// As <see cref="Split{T}(IReadOnlyList{T}, double, int)"/>, but items with the same <paramref name="groupKey"/>
    /// (the pairs or KTO rows of one prompt) are held out or kept together: the groups are shuffled and held out until
    /// at least round(n · <paramref name="evalFraction"/>) items are, leaving at least one group to train on. When every
    /// key is distinct the split equals the ungrouped one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="evalFraction"/> is not in [0, 1).</exception>
    public static (IReadOnlyList<T> Train, IReadOnlyList<T> Eval) Split<T>(IReadOnlyList<T> items, double evalFraction, int seed,
        Func<T, string>? groupKey)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!(evalFraction >= 0 && evalFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(evalFraction), evalFraction, "eval split must be in [0, 1)");
        // Group members in first-seen order; without a key every item is its own group.
        var groups = new List<List<int>>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var key = groupKey?.Invoke(items[i]);
            if (key is null || !byKey.TryGetValue(key, out var g))
            {
                g = groups.Count;
                groups.Add([]);
                if (key is not null)
                    byKey[key] = g;
            }
            groups[g].Add(i);
        }
        var order = Enumerable.Range(0, groups.Count).ToArray();
        new Random(seed).Shuffle(order);
        var target = (int)Math.Round(items.Count * evalFraction, MidpointRounding.AwayFromZero);
        if (evalFraction > 0 && items.Count >= 2)
            target = Math.Max(target, 1);
        var held = new List<int>();
        for (var k = 0; k < order.Length - 1 && held.Count < target; k++)
            held.AddRange(groups[order[k]]);
        var isEval = new bool[items.Count];
        foreach (var i in held)
            isEval[i] = true;
        var eval = Enumerable.Range(0, items.Count).Where(i => isEval[i]).Select(i => items[i]).ToArray();
        var train = Enumerable.Range(0, items.Count).Where(i => !isEval[i]).Select(i => items[i]).ToArray();
        return (train, eval);
    }
}
