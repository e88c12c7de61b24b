using static System.FormattableString;
namespace Cai.Train.Options;

/// <summary>Range checks shared by the options' <c>Validate()</c> methods; messages name the TRL option.</summary>
internal static class OptionGuard
{
    public static void Positive(double value, string option)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentException(Invariant($"{option} must be > 0 (got {value})"), option);
        }
    }

    public static void Positive(int value, string option)
    {
        if (value <= 0)
        {
            throw new ArgumentException(Invariant($"{option} must be > 0 (got {value})"), option);
        }
    }

    public static void NonNegative(double value, string option)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentException(Invariant($"{option} must be >= 0 (got {value})"), option);
        }
    }

    public static void NonNegative(int value, string option)
    {
        if (value < 0)
        {
            throw new ArgumentException(Invariant($"{option} must be >= 0 (got {value})"), option);
        }
    }

    public static void InRange(double value, double min, double maxExclusive, string option)
    {
        if (!(value >= min && value < maxExclusive))
        {
            throw new ArgumentException(Invariant($"{option} must be in [{min}, {maxExclusive}) (got {value})"), option);
        }
    }

    public static void Between(double value, double min, double max, string option)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentException(Invariant($"{option} must be in [{min}, {max}] (got {value})"), option);
        }
    }

    public static void Defined<TEnum>(TEnum value, string option)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentException(Invariant($"{option} has no value {value}"), option);
        }
    }
}
