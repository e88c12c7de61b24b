using static System.FormattableString;

namespace Cai.Train.Losses;

/// <summary>The clip range of the critic-free policy losses and the clipped fractions TRL logs for it.</summary>
internal static class ClipRange
{
    public static void Validate(double epsilonLow, double epsilonHigh)
    {
        if (!(epsilonLow >= 0 && epsilonLow < 1))
        {
            throw new ArgumentException(Invariant($"epsilon must be in [0, 1) (got {epsilonLow})"), "epsilon");
        }

        if (!(epsilonHigh >= 0) || double.IsInfinity(epsilonHigh))
        {
            throw new ArgumentException(Invariant($"epsilon_high must be >= 0 (got {epsilonHigh})"), "epsilon_high");
        }
    }

    /// <summary>
    /// TRL's <c>is_low_clipped</c> (ratio below 1 − ε with a negative advantage), <c>is_high_clipped</c> (above 1 + ε_high
    /// with a positive one) and their union, averaged over the mask's real tokens, or over all elements when it is null.
    /// </summary>
    public static (Tensor Low, Tensor High, Tensor Region) Fractions(Tensor ratio, Tensor advantages, double epsilonLow,
        double epsilonHigh, Tensor? mask)
    {
        var low = ratio.lt(1.0 - epsilonLow).logical_and(advantages.lt(0.0));
        var high = ratio.gt(1.0 + epsilonHigh).logical_and(advantages.gt(0.0));
        var region = low.logical_or(high);
        return (Mean(low, ratio, mask), Mean(high, ratio, mask), Mean(region, ratio, mask));
    }

    private static Tensor Mean(Tensor flags, Tensor like, Tensor? mask)
    {
        var values = flags.to_type(like.dtype);
        return mask is null ? values.mean() : (values * mask).sum() / mask.sum().clamp_min(1.0);
    }
}
