namespace Cai.Train.Loop;

/// <summary>Weighted running sums of metrics; a metric's value is Σ value·weight / Σ weight (e.g. weighted by pairs).</summary>
public sealed class MetricSums
{
    readonly Dictionary<string, (double Sum, double Weight)> sums = new(StringComparer.Ordinal);

    /// <summary>Adds a sum of per-example values and how many examples (or tokens) it covers; a zero weight adds nothing.</summary>
    public void Add(string name, double sum, double weight)
    {
        if (weight <= 0)
            return;

        var (s, w) = sums.GetValueOrDefault(name);
        sums[name] = (s + sum, w + weight);
    }

    /// <summary>The weighted means, in insertion order.</summary>
    public IEnumerable<KeyValuePair<string, double>> Means() =>
        sums.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Weight > 0 ? kv.Value.Sum / kv.Value.Weight : double.NaN));

    /// <summary>Forgets everything.</summary>
    public void Clear() => sums.Clear();
}
