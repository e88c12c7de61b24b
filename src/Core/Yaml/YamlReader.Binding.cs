using System.Reflection;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Cai.Core.Yaml;

/// <summary>
/// The binding facet: a mapping of snake_case keys read straight onto an options record's settable properties
/// (<c>learning_rate: 5e-7</c> sets <c>LearningRate</c>), so the record's initializers stay the only defaults and its
/// own validation the only range checks.
/// </summary>
public sealed partial class YamlReader
{
    /// <summary>A <typeparamref name="T"/> with the defaults of its initializers and the values the file sets.</summary>
    /// <remarks>An empty file is all defaults; every unknown key and bad value is recorded, none stops the read.</remarks>
    public T BindFile<T>() where T : new()
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
    public T Bind<T>(YamlMappingNode map, string field) where T : new()
    {
        var properties = Bindable(typeof(T));
        var result = new T();
        var entries = Entries(map, field, [.. properties.Keys]);
        foreach (var key in entries.Keys)
        {
            var property = properties[key];
            if (Value(property.PropertyType, entries, key, field) is (true, var value))
                property.SetValue(result, value);
        }
        return result;
    }

    /// <summary>The YAML keys of <paramref name="type"/> (its settable properties in snake_case), in ordinal order.</summary>
    public static IReadOnlyList<string> Keys(Type type) => [.. Bindable(type).Keys];

    static SortedDictionary<string, PropertyInfo> Bindable(Type type) => new(
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)),
        StringComparer.Ordinal);

    (bool Read, object? Value) Value(Type type, Dictionary<string, YamlNode> e, string key, string field)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null && e[key] is YamlScalarNode scalar && IsNull(scalar))
            return (true, null);
        var t = nullable ?? type;
        object? value = t switch
        {
            _ when t == typeof(string) => String(e, key, field),
            _ when t == typeof(bool) => Boolean(e, key, field),
            _ when t == typeof(int) => Integer(e, key, field),
            _ when t == typeof(long) => Long(e, key, field),
            _ when t == typeof(double) => Number(e, key, field),
            _ when t.IsEnum => ChoiceMethod.MakeGenericMethod(t).Invoke(this, [e, key, field]),
            _ => throw new NotSupportedException($"{Field(field, key)}: options of type {t.Name} cannot be read from YAML"),
        };
        return (value is not null, value);
    }

    static readonly MethodInfo ChoiceMethod = typeof(YamlReader).GetMethod(nameof(Choice))!;
}
