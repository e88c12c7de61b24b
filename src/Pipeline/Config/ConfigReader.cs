using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

/// <summary>
/// Typed reads from YamlDotNet's representation model that record a diagnostic with line and column for every
/// problem (unknown keys, wrong types, out-of-range values) instead of stopping at the first. Scalars may use
/// <c>${VAR}</c> or <c>${VAR:-default}</c> to read environment variables.
/// </summary>
sealed partial class ConfigReader(string file, Func<string, string?> environment)
{
    public List<ConfigDiagnostic> Diagnostics { get; } = [];

    public static string Field(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public void Error(Mark mark, string field, string message) =>
        Diagnostics.Add(new ConfigDiagnostic(file, (int)mark.Line, (int)mark.Column, field.Length == 0 ? message : $"{field}: {message}"));

    /// <summary>Nodes that <c>--set</c> put into the tree, with the argument each came from: their errors name it.</summary>
    public IReadOnlyDictionary<YamlNode, string> Overrides { get; set; } = new Dictionary<YamlNode, string>();

    public void Error(YamlNode node, string field, string message)
    {
        if (Overrides.TryGetValue(node, out var set))
            Diagnostics.Add(new ConfigDiagnostic("--set " + set, 1, 1, field.Length == 0 ? message : $"{field}: {message}"));
        else
            Error(node.Start, field, message);
    }

    /// <summary>The entries of a mapping by key; unknown keys are reported and left out. Null when not a mapping.</summary>
    public Dictionary<string, YamlNode>? Entries(YamlNode node, string field, params string[] known)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, field, $"expected a mapping with keys {string.Join(", ", known)}");
            return null;
        }
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            if (key is null || !known.Contains(key))
                Error(keyNode, Field(field, key ?? "?"), $"unknown key '{key}'; expected one of: {string.Join(", ", known)}");
            else
                entries[key] = value;
        }
        return entries;
    }

    public string? String(Dictionary<string, YamlNode>? e, string key, string field)
    {
        if (e is null || !e.TryGetValue(key, out var node)) return null;
        if (node is YamlScalarNode scalar) return Expand(scalar, Field(field, key));
        Error(node, Field(field, key), "expected a text value");
        return null;
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>]: a bound on absurd values fails here, not hours into a run.</summary>
    public int? Integer(Dictionary<string, YamlNode>? e, string key, string field, int min, int max = int.MaxValue) =>
        Parse<int>(e, key, field, max == int.MaxValue ? $"an integer >= {min}" : $"an integer in [{min}, {max}]",
            t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v : null);

    public long? Long(Dictionary<string, YamlNode>? e, string key, string field) =>
        Parse<long>(e, key, field, "an integer",
            t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (long?)null);

    public double? Number(Dictionary<string, YamlNode>? e, string key, string field, double min, double max) =>
        Parse<double>(e, key, field, $"a number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]",
            t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v : null);

    public bool? Boolean(Dictionary<string, YamlNode>? e, string key, string field) =>
        Parse<bool>(e, key, field, "true or false", t => t switch { "true" => true, "false" => false, _ => (bool?)null });

    /// <summary>One of the enum's <see cref="Core.Choices.Choice{T}"/> spellings mapped to its value.</summary>
    public T? Choice<T>(Dictionary<string, YamlNode>? e, string key, string field) where T : struct, Enum =>
        Parse(e, key, field, $"one of {Core.Choices.Choice<T>.Expected}", Core.Choices.Choice<T>.Parse);

    /// <summary>A list of the enum's <see cref="Core.Choices.Choice{T}"/> spellings (a single one counts as a list of one), without repeats.</summary>
    public List<T>? Choices<T>(Dictionary<string, YamlNode>? e, string key, string field) where T : struct, Enum =>
        List(e, key, field, $"one of {Core.Choices.Choice<T>.Expected}", Core.Choices.Choice<T>.Parse)?.Distinct().ToList();

    /// <summary>A list of scalars, each read by <paramref name="parse"/>; a single scalar counts as a list of one.</summary>
    public List<T>? List<T>(Dictionary<string, YamlNode>? e, string key, string field, string expected, Func<string, T?> parse)
        where T : struct
    {
        if (e is null || !e.TryGetValue(key, out var node)) return null;
        IEnumerable<YamlNode> items = node is YamlSequenceNode seq ? seq.Children : [node];
        var values = new List<T>();
        foreach (var item in items)
        {
            var text = item is YamlScalarNode s ? Expand(s, Field(field, key)) : null;
            if (text is not null && parse(text) is { } value) values.Add(value);
            else Error(item, Field(field, key), $"expected {expected}, got {Describe(item)}");
        }
        return values;
    }

    T? Parse<T>(Dictionary<string, YamlNode>? e, string key, string field, string expected, Func<string, T?> parse) where T : struct
    {
        if (e is null || !e.TryGetValue(key, out var node)) return null;
        var text = node is YamlScalarNode { Style: ScalarStyle.Plain } s ? Expand(s, Field(field, key)) : null;
        if (text is not null && parse(text) is { } value) return value;
        Error(node, Field(field, key), $"must be {expected}, got {Describe(node)}");
        return null;
    }

    string? Expand(YamlScalarNode node, string field)
    {
        var text = node.Value ?? "";
        string? missing = null;
        var expanded = EnvReference().Replace(text, m =>
        {
            var value = environment(m.Groups["name"].Value);
            if (!string.IsNullOrEmpty(value)) return value;
            if (m.Groups["default"].Success) return m.Groups["default"].Value;
            missing ??= m.Groups["name"].Value;
            return "";
        });
        if (missing is null) return expanded;
        Error(node, field, $"environment variable '{missing}' is not set (write ${{{missing}:-default}} to give a default)");
        return null;
    }

    static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        _ => "a mapping",
    };

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:-(?<default>[^}]*))?\}")]
    private static partial Regex EnvReference();
}
