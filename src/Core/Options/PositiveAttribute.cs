using System.ComponentModel.DataAnnotations;

namespace Cai.Core.Options;

/// <summary>A number option that must be above 0 and finite (<c>learning_rate</c>, <c>beta</c>, a count of steps ...).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PositiveAttribute : RangeAttribute
{
    /// <summary>The range (0, ∞).</summary>
    public PositiveAttribute()
        : base(0.0, double.PositiveInfinity)
    {
        MinimumIsExclusive = true;
        MaximumIsExclusive = true;
    }
}
