namespace Cai.Train.Data;

/// <summary>A seeded train/eval split: the same seed and input give the same split on every machine.</summary>
public static class DataSplit
{
    /// <summary>Shuffles with <c>new Random(seed)</c> and holds out round(n · <paramref name="evalFraction"/>) items (at least one when the fraction is positive and n ≥ 2).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="evalFraction"/> is not in [0, 1).</exception>
    public static (IReadOnlyList<T> Train, IReadOnlyList<T> Eval) Split<T>(IReadOnlyList<T> items, double evalFraction, int seed)
    {
        if (!(evalFraction >= 0 && evalFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(evalFraction), evalFraction, "eval split must be in [0, 1)");
        var order = Enumerable.Range(0, items.Count).ToArray();
        new Random(seed).Shuffle(order);
        var evalCount = (int)Math.Round(items.Count * evalFraction, MidpointRounding.AwayFromZero);
        if (evalFraction > 0 && items.Count >= 2)
            evalCount = Math.Clamp(evalCount, 1, items.Count - 1);
        var eval = order[..evalCount].Order().Select(i => items[i]).ToArray();
        var train = order[evalCount..].Order().Select(i => items[i]).ToArray();
        return (train, eval);
    }
}
