using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cai.Core.Constitutions;

/// <summary>
/// Reads typed values out of YamlDotNet's representation model and records a diagnostic, with the line and
/// column of the offending node, for every problem instead of stopping at the first.
/// </summary>
sealed class YamlNodeReader(string file)
{
    public List<ConstitutionDiagnostic> Diagnostics { get; } = [];

    public static string Field(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public void Error(Mark mark, string field, string message) =>
        Diagnostics.Add(new ConstitutionDiagnostic(file, (int)mark.Line, (int)mark.Column,
            field.Length == 0 ? message : $"{field}: {message}", field));

    public void Error(YamlNode node, string field, string message) => Error(node.Start, field, message);

    public YamlMappingNode? Mapping(YamlNode node, string field) => As<YamlMappingNode>(node, field, "a mapping");

    public YamlSequenceNode? Sequence(YamlNode node, string field) => As<YamlSequenceNode>(node, field, "a list");

    /// <summary>The entries of a mapping by key; unknown and non-scalar keys are reported and left out.</summary>
    public Dictionary<string, YamlNode> Entries(YamlMappingNode map, string field, IReadOnlyList<string> known)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(keyNode, field, "keys must be plain names");
                continue;
            }
            if (!known.Contains(key))
            {
                var hint = KeySuggester.Suggest(key, known) is { } s ? $", did you mean '{s}'?" : $"; expected one of: {string.Join(", ", known)}";
                Error(keyNode, Field(field, key), $"unknown key '{key}'{hint}");
                continue;
            }
            entries[key] = value;
        }
        return entries;
    }

    public string? OptionalString(Dictionary<string, YamlNode> e, string key, string field) =>
        e.TryGetValue(key, out var node) ? Scalar(node, Field(field, key)) : null;

    /// <summary>A required non-empty string; missing keys are reported at the start of <paramref name="parent"/>.</summary>
    public string? RequiredString(Dictionary<string, YamlNode> e, string key, string field, YamlNode parent)
    {
        if (!e.TryGetValue(key, out var node))
        {
            Error(parent, field, $"missing required key '{key}'");
            return null;
        }
        var value = Scalar(node, Field(field, key));
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            Error(node, Field(field, key), "must not be empty");
            return null;
        }
        return value;
    }

    public double? Number(Dictionary<string, YamlNode> e, string key, string field, double min)
    {
        if (!e.TryGetValue(key, out var node) || Scalar(node, Field(field, key)) is not { } text) return null;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) &&
            double.IsFinite(value) && value >= min)
            return value;
        Error(node, Field(field, key), $"must be a number >= {min.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
        return null;
    }

    public int? Integer(Dictionary<string, YamlNode> e, string key, string field, int min)
    {
        if (!e.TryGetValue(key, out var node) || Scalar(node, Field(field, key)) is not { } text) return null;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } &&
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min)
            return value;
        Error(node, Field(field, key), $"must be an integer >= {min}, got '{text}'");
        return null;
    }

    /// <summary>A list of non-empty strings; null when the key is absent or the value is not a list.</summary>
    public List<string>? Strings(Dictionary<string, YamlNode> e, string key, string field)
    {
        if (!e.TryGetValue(key, out var node) || Sequence(node, Field(field, key)) is not { } seq) return null;
        var values = new List<string>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var itemField = $"{Field(field, key)}[{i}]";
            if (Scalar(seq.Children[i], itemField) is not { } v) continue;
            if (string.IsNullOrWhiteSpace(v)) Error(seq.Children[i], itemField, "must not be empty");
            else values.Add(v);
        }
        return values;
    }

    /// <summary>A scalar's text; reports other node kinds. A plain null (~, null or nothing) reads as "".</summary>
    public string? Scalar(YamlNode node, string field)
    {
        if (As<YamlScalarNode>(node, field, "a scalar value") is not { } scalar) return null;
        var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
        return isNull ? "" : scalar.Value ?? "";
    }

    T? As<T>(YamlNode node, string field, string expected) where T : YamlNode
    {
        if (node is T typed) return typed;
        Error(node, field, $"expected {expected}, got {Describe(node)}");
        return null;
    }

    static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };
}
