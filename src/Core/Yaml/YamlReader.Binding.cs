using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Cai.Core.Options;
using YamlDotNet.RepresentationModel;

namespace Cai.Core.Yaml;

/// <summary>
/// The binding facet: a mapping of snake_case keys read straight onto an options record's settable properties
/// (<c>learning_rate: 5e-7</c> sets <c>LearningRate</c>), so the record's initializers stay the only defaults. A
/// property's <see cref="System.ComponentModel.DataAnnotations.RangeAttribute"/> bounds the value read, reported at
/// its line and column like any bad value (<see cref="OptionRanges"/>); a <see cref="TimeSpan"/> is written as a
/// number of seconds (<c>timeout: 30</c>), its range in seconds, an <see cref="Interval"/> as <c>[low, high]</c> (<c>clamp:
/// [0.4, 0.6]</c>), its range bounding both ends, and a list of an enum's values as a list of its spellings (<c>exports:
/// [jsonl, kto]</c>); <see cref="BindNeverAttribute"/> keeps a property out of the file.
/// </summary>
public sealed partial class YamlReader
{
    /// <summary>A <typeparamref name="T"/> with the defaults of its initializers and the values the file sets.</summary>
    /// <remarks>An empty file is all defaults; every unknown key and bad value is recorded, none stops the read.</remarks>
    public T BindFile<T>() where T : class, new()
    {
        if (ReadFile() is not { } text || Load(text) is not { } stream || stream.Documents.Count == 0)
            return new T();
        if (stream.Documents.Count > 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Error(stream.Documents[0].RootNode, "", $"expected one mapping of {typeof(T).Name}'s option names to values");
            return new T();
        }
        return Bind<T>(root, "");
    }

    /// <summary>A <typeparamref name="T"/> with the defaults of its initializers and the values <paramref name="map"/> sets.</summary>
    public T Bind<T>(YamlMappingNode map, string field) where T : class, new() => Bind(map, field, new T());

    /// <summary>
    /// A copy of <paramref name="onto"/> (the defaults that come from elsewhere, e.g. the policy model's temperature)
    /// with the values <paramref name="node"/> gives set; <paramref name="onto"/> itself is left as it is. Records a
    /// node that is not a mapping. Keys in <paramref name="handRead"/> are accepted but left to the caller (a value the caller
    /// reads its own way, such as a path resolved against the file's folder).
    /// </summary>
    public T Bind<T>(YamlNode node, string field, T onto, params IReadOnlyList<string> handRead) where T : class =>
        Entries(node, field, [.. Keys(typeof(T)), .. handRead]) is { } entries ? Bind(entries, field, onto, handRead) : onto;

    /// <summary>
    /// A copy of <paramref name="onto"/> with the values of the <paramref name="entries"/> that name a property of
    /// <typeparamref name="T"/> set (<paramref name="onto"/> itself is left as it is), leaving the rest, and the keys in <paramref name="handRead"/> (a nested
    /// section with its own record), to the caller: for a mapping whose entries the caller also reads (read them once
    /// with <see cref="Entries(YamlNode, string, IReadOnlyList{string})"/>, knowing <see cref="Keys"/> and its own
    /// keys, so an unknown key is reported once).
    /// </summary>
    public T Bind<T>(Dictionary<string, YamlNode> entries, string field, T onto, params IReadOnlyList<string> handRead) where T : class
    {
        var properties = Properties(typeof(T));
        var bound = RecordCopy.Of(onto);
        foreach (var key in entries.Keys.Where(k => properties.ContainsKey(k) && !handRead.Contains(k)))
        {
            var property = properties[key];
            if (Value(property, entries, key, field, property.GetValue(bound)) is (true, var value))
                property.SetValue(bound, value);
        }
        return bound;
    }

    /// <summary>
    /// The value of <paramref name="key"/> read as <paramref name="property"/> is bound, within its declared range: for a
    /// key the caller reads by hand because it is spelled differently or set elsewhere (<c>max_retries</c> onto a
    /// nested record's <c>MaxRetryAttempts</c>), so the bounds stay on the property. Null when the key is absent, the
    /// value is bad (recorded) or a YAML null.
    /// </summary>
    public object? Read(PropertyInfo property, Dictionary<string, YamlNode>? e, string key, string field) =>
        e is not null && e.ContainsKey(key) ? Value(property, e, key, field).Value : null;

    /// <summary>The YAML keys of <paramref name="type"/> (its settable properties in snake_case), in ordinal order.</summary>
    public static IReadOnlyList<string> Keys(Type type) => [.. Properties(type).Keys];

    /// <summary>
    /// The properties a file (and the command-line flags made from the same record) may set, by YAML key: the
    /// settable public ones without <see cref="BindNeverAttribute"/>, their names in snake_case, in ordinal order.
    /// </summary>
    public static IReadOnlyDictionary<string, PropertyInfo> Properties(Type type) => new SortedDictionary<string, PropertyInfo>(
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetCustomAttribute<BindNeverAttribute>() is null)
            .ToDictionary(p => OptionRanges.Key(p.Name)),
        StringComparer.Ordinal);

    // current: the value the record has before the file sets it, the example an error about an interval quotes.
    (bool Read, object? Value) Value(PropertyInfo property, Dictionary<string, YamlNode> e, string key, string field, object? current = null)
    {
        var type = property.PropertyType;
        var range = OptionRanges.Of(property);
        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null && e[key] is YamlScalarNode scalar && IsNull(scalar))
            return (true, null);
        var t = nullable ?? type;
        object? value = t switch
        {
            _ when t == typeof(string) => String(e, key, field),
            _ when t == typeof(bool) => Boolean(e, key, field),
            _ when t == typeof(int) => Integer(e, key, field, range),
            _ when t == typeof(long) => Long(e, key, field),
            _ when t == typeof(double) => Number(e, key, field, range),
            _ when t == typeof(TimeSpan) => Number(e, key, field, range) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            _ when t == typeof(Interval) => Ends(e, key, field, range, current as Interval?),
            _ when t.IsEnum => ChoiceMethod.MakeGenericMethod(t).Invoke(this, [e, key, field]),
            _ when t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && t.GenericTypeArguments[0].IsEnum =>
                ChoicesMethod.MakeGenericMethod(t.GenericTypeArguments[0]).Invoke(this, [e, key, field]),
            _ => throw new NotSupportedException($"{Field(field, key)}: options of type {t.Name} cannot be read from YAML"),
        };
        return (value is not null, value);
    }

    // A whole number or a finite number within the declared range (exclusive bounds included), worded as the
    // reader's other values are: "must be a number in (0, 1], got '0'".
    int? Integer(Dictionary<string, YamlNode> e, string key, string field, RangeAttribute? range) =>
        Parse<int>(e, key, field, Expected("an integer", range),
            t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && OptionRanges.Within(range, v) ? v : null);

    double? Number(Dictionary<string, YamlNode> e, string key, string field, RangeAttribute? range) =>
        Parse<double>(e, key, field, Expected("a number", range),
            t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && OptionRanges.Within(range, v) ? v : null);

    // [low, high]: two numbers, each within the declared range and reported where it stands, then low <= high.
    Interval? Ends(Dictionary<string, YamlNode> e, string key, string field, RangeAttribute? range, Interval? example)
    {
        var errors = Diagnostics.Count;
        var ends = List<double>(e, key, field, Expected("a number", range),
            t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && OptionRanges.Within(range, v) ? v : null);
        if (Diagnostics.Count > errors)
            return null;
        if (ends is [var low, var high] && Interval.TryCreate(low, high, out var interval))
            return interval;
        Error(e[key], Field(field, key), $"expected [low, high] with low <= high{(example is { } x ? $", e.g. {x}" : "")}");
        return null;
    }

    static string Expected(string what, RangeAttribute? range) =>
        range is not null && OptionRanges.Bounds(range) is { Length: > 0 } bounds ? $"{what} {bounds}" : what;

    static readonly MethodInfo ChoiceMethod = typeof(YamlReader).GetMethod(nameof(Choice))!;

    static readonly MethodInfo ChoicesMethod = typeof(YamlReader).GetMethod(nameof(Choices))!;
}
