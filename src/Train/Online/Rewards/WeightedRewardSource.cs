namespace Cai.Train.Online.Rewards;

/// <summary>A weighted sum of reward sources: Σ wᵢ · scoreᵢ, each source scoring the whole batch.</summary>
public sealed class WeightedRewardSource : IRewardSource
{
    readonly IReadOnlyList<(IRewardSource Source, double Weight)> parts;

    /// <summary>Combines <paramref name="parts"/>.</summary>
    /// <exception cref="ArgumentException">No part, or a weight that is not finite.</exception>
    public WeightedRewardSource(IReadOnlyList<(IRewardSource Source, double Weight)> parts)
    {
        if (parts.Count == 0)
            throw new ArgumentException("a weighted reward needs at least one source", nameof(parts));
        if (parts.FirstOrDefault(p => !double.IsFinite(p.Weight)) is { Source: not null } bad)
            throw new ArgumentException($"reward weight of {bad.Source.Name} must be finite (got {bad.Weight})", nameof(parts));
        this.parts = parts;
    }

    /// <inheritdoc />
    public string Name => string.Join(" + ", parts.Select(p => FormattableString.Invariant($"{p.Weight}*{p.Source.Name}")));

    /// <inheritdoc />
    public async Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken = default)
    {
        var total = new double[batch.Count];
        foreach (var (source, weight) in parts)
        {
            var scores = await source.ScoreAsync(batch, cancellationToken).ConfigureAwait(false);
            if (scores.Count != batch.Count)
                throw new InvalidOperationException($"reward source {source.Name} returned {scores.Count} scores for {batch.Count} responses");
            for (var i = 0; i < total.Length; i++)
                total[i] += weight * scores[i];
        }

        return total;
    }
}
