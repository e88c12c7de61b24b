namespace Cai.Train.Online;

/// <summary>
/// The adaptive KL coefficient of Ziegler et al. 2019 (arXiv 1909.08593, §2.2): β ← β · (1 + K_β · e · n / horizon) with
/// the proportional error e = clip(KL / target − 1, −0.2, 0.2) and n the episodes of the update (TRL's
/// <c>AdaptiveKLController</c>). A fixed coefficient is the same class with <c>adaptive</c> false.
/// </summary>
public sealed class AdaptiveKlController(double initial, double target, double horizon, bool adaptive)
{
    /// <summary>The current coefficient.</summary>
    public double Value { get; set; } = initial;

    /// <summary>Moves <see cref="Value"/> after an update whose mean KL per sequence was <paramref name="kl"/>.</summary>
    /// <param name="kl">Measured KL (nats per sequence).</param>
    /// <param name="episodes">Responses in the update.</param>
    public void Update(double kl, int episodes)
    {
        if (!adaptive)
            return;
        var error = Math.Clamp(kl / target - 1.0, -0.2, 0.2);
        Value *= 1.0 + error * episodes / horizon;
    }
}
