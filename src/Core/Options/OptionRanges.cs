using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Cai.Core.Options;

/// <summary>
/// The one check of the ranges an options record declares on its properties (<c>[Range(1, ConfigLimits.Rounds)]</c>):
/// the YAML binder reports a value outside one at its line and column, a command-line flag made from the record names
/// itself (<see cref="Problem(PropertyInfo, object)"/>), and <see cref="Validate{T}"/> (or <see cref="ValidateByKey"/>) refuses a record built
/// in code with the same bounds, so the numbers are written once. Exclusive bounds count (<c>(0, 1]</c>); the range of a
/// <see cref="TimeSpan"/> is in seconds, as config files write it, and that of an <see cref="Interval"/> bounds both its ends.
/// </summary>
public static class OptionRanges
{
    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming the first property outside its declared range, its bounds
    /// and the value, in a one-line message (no "Actual value" line; the CLI drops the parameter name .NET appends).
    /// </summary>
    public static void Validate<T>(T options) where T : notnull
    {
        var type = options.GetType();
        foreach (var (property, range, _) in Declared(type))
        {
            if (range is not null && Problem(range, property.GetValue(options)) is { } problem)
                throw new ArgumentOutOfRangeException(property.Name, $"{type.Name}.{property.Name} {problem}.");
        }
    }

    /// <summary>
    /// The same check for a record its users know by its keys alone (a trainer's TRL config): throws
    /// <see cref="ArgumentException"/> whose message and parameter name are the snake_case key
    /// (<c>cliprange must be &gt; 0 (got 0)</c>); an enum value that names no member is refused too.
    /// </summary>
    public static void ValidateByKey(object options)
    {
        foreach (var (property, range, key) in Declared(options.GetType()).Where(d => d.Property.CanWrite))
        {
            var value = property.GetValue(options);
            if (value is Enum e && !Enum.IsDefined(e.GetType(), e))
                throw new ArgumentException($"{key} has no value {e}", key);
            if (range is not null && Problem(range, value) is { } problem)
                throw new ArgumentException($"{key} {problem}", key);
        }
    }

    /// <summary>The option key of a property: its name in snake_case (<c>KlCoef</c> is <c>kl_coef</c>), as files and flags spell it.</summary>
    public static string Key(string propertyName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName);

    /// <summary>
    /// What is wrong with <paramref name="value"/> as <paramref name="property"/>'s value ("must be in [1, 64] (got 65)"),
    /// or null when it is within the declared range, is null, or the property declares none.
    /// </summary>
    public static string? Problem(PropertyInfo property, object? value) => Of(property) is { } range ? Problem(range, value) : null;

    static string? Problem(RangeAttribute range, object? value)
    {
        if (value is null)
            return null;
        if (value is Interval interval)
            return Within(range, interval.Low) && Within(range, interval.High) ? null : $"must be {Bounds(range)} at both ends (got {interval})";
        var (v, unit) = value is TimeSpan span ? (span.TotalSeconds, " seconds") : (Convert.ToDouble(value, CultureInfo.InvariantCulture), "");
        return Within(range, v) ? null : FormattableString.Invariant($"must be {Bounds(range)}{unit} (got {(value is TimeSpan ? v : value)})");
    }

    // The properties Validate looks at (a declared range, or an enum), found once per type: GenerationOptions is
    // validated with every generation request.
    static readonly ConcurrentDictionary<Type, (PropertyInfo Property, RangeAttribute? Range, string Key)[]> Checked = new();

    static (PropertyInfo Property, RangeAttribute? Range, string Key)[] Declared(Type type) => Checked.GetOrAdd(type, t =>
        [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Range: Of(p), Key: Key(p.Name)))
            .Where(d => d.Range is not null || (Nullable.GetUnderlyingType(d.Property.PropertyType) ?? d.Property.PropertyType).IsEnum)]);

    /// <summary>
    /// Whether <paramref name="value"/> lies within <paramref name="range"/>, its exclusive bounds too; without a range
    /// every number does. NaN never does.
    /// </summary>
    public static bool Within(RangeAttribute? range, double value)
    {
        if (range is null)
            return !double.IsNaN(value);
        var (min, max) = Numbers(range);
        return (range.MinimumIsExclusive ? value > min : value >= min) && (range.MaximumIsExclusive ? value < max : value <= max);
    }

    /// <summary>The range declared on <paramref name="property"/>, or null.</summary>
    public static RangeAttribute? Of(PropertyInfo property) => property.GetCustomAttribute<RangeAttribute>();

    // The bounds of a range declared with integers ([Range(1, 64)]).
    static (int Min, int Max) Integers(RangeAttribute range) =>
        (Convert.ToInt32(range.Minimum, CultureInfo.InvariantCulture), Convert.ToInt32(range.Maximum, CultureInfo.InvariantCulture));

    /// <summary>The bounds of a number option; unbounded when it declares none.</summary>
    public static (double Min, double Max) Numbers(RangeAttribute? range) => range is null
        ? (double.NegativeInfinity, double.PositiveInfinity)
        : (Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture), Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture));

    /// <summary>
    /// "in [1, 64]", "&gt;= 1", "&lt;= 5", or "" when both bounds are the type's own (no bound); an exclusive bound reads
    /// "in (0, 1]", "&gt; 0".
    /// </summary>
    public static string Bounds<T>(T min, T max, T lowest, T highest, bool minExclusive = false, bool maxExclusive = false)
        where T : IFormattable, IEquatable<T> =>
        (min.Equals(lowest), max.Equals(highest)) switch
        {
            (true, true) => "",
            (false, true) => $"{(minExclusive ? ">" : ">=")} {Text(min)}",
            (true, false) => $"{(maxExclusive ? "<" : "<=")} {Text(max)}",
            _ => $"in {(minExclusive ? "(" : "[")}{Text(min)}, {Text(max)}{(maxExclusive ? ")" : "]")}",
        };

    /// <summary>The bounds <paramref name="range"/> declares, as <see cref="Bounds{T}"/> words them.</summary>
    public static string Bounds(RangeAttribute range)
    {
        if (range.OperandType == typeof(int))
        {
            var (min, max) = Integers(range);
            return Bounds(min, max, int.MinValue, int.MaxValue, range.MinimumIsExclusive, range.MaximumIsExclusive);
        }
        var (low, high) = Numbers(range);
        return Bounds(low, high, double.NegativeInfinity, double.PositiveInfinity, range.MinimumIsExclusive, range.MaximumIsExclusive);
    }

    static string Text<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}
