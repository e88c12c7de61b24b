namespace Cai.Train.Online.Rewards;

/// <summary>
/// An affine reward normalisation, gain · score + bias, fitted so that responses of the reference policy score mean 0
/// and standard deviation 1 (Ziegler et al. 2019, §2.2; Stiennon et al. 2020). Fit it once before training and keep
/// the two numbers with the run, so that a resumed run scores the same.
/// </summary>
/// <param name="Inner">The source being normalised.</param>
/// <param name="Gain">Multiplies the raw score.</param>
/// <param name="Bias">Added after the gain.</param>
public sealed record NormalizedRewardSource(IRewardSource Inner, double Gain, double Bias) : IRewardSource
{
    /// <inheritdoc />
    public string Name => $"normalized({Inner.Name})";

    /// <summary>Gain and bias mapping <paramref name="scores"/> to mean 0, std 1; a constant sample gets gain 1.</summary>
    /// <exception cref="ArgumentException">Fewer than two scores.</exception>
    public static (double Gain, double Bias) Fit(IReadOnlyList<double> scores)
    {
        if (scores.Count < 2)
            throw new ArgumentException($"fitting a reward normalisation needs at least 2 scores (got {scores.Count})", nameof(scores));
        var mean = scores.Average();
        var std = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (scores.Count - 1));
        var gain = std > 1e-8 ? 1.0 / std : 1.0;
        return (gain, -mean * gain);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken = default)
    {
        var raw = await Inner.ScoreAsync(batch, cancellationToken).ConfigureAwait(false);
        return raw.Select(s => Gain * s + Bias).ToArray();
    }
}
