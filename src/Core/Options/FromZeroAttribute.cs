using System.ComponentModel.DataAnnotations;

namespace Cai.Core.Options;

/// <summary>
/// A finite number option bounded below by 0: the one range behind <see cref="PositiveAttribute"/> (0 excluded) and
/// <see cref="NonNegativeAttribute"/> (0 allowed), which differ only in that end.
/// </summary>
public abstract class FromZeroAttribute : RangeAttribute
{
    private protected FromZeroAttribute(bool zeroAllowed)
        : base(0.0, double.PositiveInfinity)
    {
        MinimumIsExclusive = !zeroAllowed;
        MaximumIsExclusive = true;
    }
}

/// <summary>A number option that must be above 0 and finite (<c>learning_rate</c>, <c>beta</c>, a count of steps ...): (0, ∞).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PositiveAttribute() : FromZeroAttribute(zeroAllowed: false);

/// <summary>A number option that must be at least 0 and finite (<c>kl_coef</c>, <c>weight_decay</c> ...): [0, ∞).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NonNegativeAttribute() : FromZeroAttribute(zeroAllowed: true);
