using System.ComponentModel.DataAnnotations;

namespace Cai.Core.Options;

/// <summary>A number option that must be at least 0 and finite (<c>kl_coef</c>, <c>weight_decay</c> ...).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NonNegativeAttribute : RangeAttribute
{
    /// <summary>The range [0, ∞).</summary>
    public NonNegativeAttribute()
        : base(0.0, double.PositiveInfinity)
    {
        MaximumIsExclusive = true;
    }
}
