using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cai.Core.Yaml;

/// <summary>
/// The one YAML reader of cai: constitutions, pipeline configs and training configs are read through it. Typed reads
/// from YamlDotNet's representation model record a <see cref="YamlDiagnostic"/> with line and column for every
/// problem (unknown keys with a "did you mean", wrong types, out-of-range values) instead of stopping at the first.
/// When an environment is given, scalars may use <c>${VAR}</c> or <c>${VAR:-default}</c> to read its variables.
/// </summary>
/// <param name="file">The file as given; every diagnostic names it.</param>
/// <param name="environment">Looks up <c>${VAR}</c> references; null leaves scalars as written.</param>
public sealed partial class YamlReader(string file, Func<string, string?>? environment = null)
{
    /// <summary>The file as given.</summary>
    public string File => file;

    /// <summary>Every problem found so far, in the order found.</summary>
    public List<YamlDiagnostic> Diagnostics { get; } = [];

    /// <summary>Nodes that a command-line override put into the tree, with the argument each came from: their errors name it.</summary>
    public IReadOnlyDictionary<YamlNode, string> Overrides { get; set; } = new Dictionary<YamlNode, string>();

    /// <summary>The field path of <paramref name="key"/> under <paramref name="parent"/>, e.g. <c>pairs.feedback</c>.</summary>
    public static string Field(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    /// <summary>Records a problem at <paramref name="mark"/>.</summary>
    public void Error(Mark mark, string field, string message) =>
        Diagnostics.Add(new YamlDiagnostic(file, (int)mark.Line, (int)mark.Column, field.Length == 0 ? message : $"{field}: {message}", field));

    /// <summary>Records a problem at <paramref name="node"/> (or at the <c>--set</c> argument that put it there).</summary>
    public void Error(YamlNode node, string field, string message)
    {
        if (Overrides.TryGetValue(node, out var set))
            Diagnostics.Add(new YamlDiagnostic("--set " + set, 1, 1, field.Length == 0 ? message : $"{field}: {message}", field));
        else
            Error(node.Start, field, message);
    }

    /// <summary>The file's text as strict UTF-8; null after recording the first invalid byte.</summary>
    public string? ReadFile()
    {
        try
        {
            return YamlInput.ReadFile(file);
        }
        catch (YamlInputException ex)
        {
            Error(new Mark(0, ex.Line, ex.Column), "", ex.Reason);
            return null;
        }
    }

    /// <summary>Parses <paramref name="text"/>; null after recording a syntax error or nesting past <see cref="YamlInput.MaxDepth"/>.</summary>
    public YamlStream? Load(string text)
    {
        try
        {
            return YamlInput.Load(text, file);
        }
        catch (YamlInputException ex)
        {
            Error(new Mark(0, ex.Line, ex.Column), "", ex.Reason);
        }
        catch (YamlException ex)
        {
            // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the diagnostic carries the mark.
            var message = ex.Message;
            var i = message.IndexOf("): ", StringComparison.Ordinal);
            Error(ex.Start, "", "YAML syntax error: " + (message.StartsWith("(Line:", StringComparison.Ordinal) && i >= 0 ? message[(i + 3)..] : message));
        }
        return null;
    }

    /// <summary>The node as a mapping; null after recording any other kind.</summary>
    public YamlMappingNode? Mapping(YamlNode node, string field) => As<YamlMappingNode>(node, field, "a mapping");

    /// <summary>The node as a list; null after recording any other kind.</summary>
    public YamlSequenceNode? Sequence(YamlNode node, string field) => As<YamlSequenceNode>(node, field, "a list");

    /// <summary>The entries of a mapping by key; unknown and non-scalar keys are recorded and left out.</summary>
    public Dictionary<string, YamlNode> Entries(YamlMappingNode map, string field, params IReadOnlyList<string> known)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
                Error(keyNode, field, "keys must be plain names");
            else if (!known.Contains(key))
                Error(keyNode, Field(field, key), UnknownKey(key, known));
            else
                entries[key] = value;
        }
        return entries;
    }

    /// <summary>The entries of <paramref name="node"/> when it is a mapping; null after recording any other kind.</summary>
    public Dictionary<string, YamlNode>? Entries(YamlNode node, string field, params IReadOnlyList<string> known)
    {
        if (node is YamlMappingNode map)
            return Entries(map, field, known);
        Error(node, field, $"expected a mapping with keys {string.Join(", ", known)}, got {Describe(node)}");
        return null;
    }

    /// <summary>"unknown key 'x', did you mean 'y'?" or, with no near miss, the keys expected.</summary>
    public static string UnknownKey(string key, IReadOnlyList<string> known) =>
        KeySuggester.Suggest(key, known) is { } s
            ? $"unknown key '{key}', did you mean '{s}'?"
            : $"unknown key '{key}'; expected one of: {string.Join(", ", known)}";

    /// <summary>A scalar's text (environment references expanded); null when absent or not a scalar.</summary>
    public string? String(Dictionary<string, YamlNode>? e, string key, string field) =>
        e is not null && e.TryGetValue(key, out var node) ? Scalar(node, Field(field, key)) : null;

    /// <summary>A required non-empty string; a missing key is recorded at the start of <paramref name="parent"/>.</summary>
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

    /// <summary>A scalar's text; records other node kinds. A plain null (~, null or nothing) reads as "".</summary>
    public string? Scalar(YamlNode node, string field)
    {
        if (As<YamlScalarNode>(node, field, "a scalar value") is not { } scalar) return null;
        return IsNull(scalar) ? "" : Expand(scalar, field);
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>]: a bound on absurd values fails here, not hours into a run.</summary>
    public int? Integer(Dictionary<string, YamlNode>? e, string key, string field, int min = int.MinValue, int max = int.MaxValue) =>
        Parse<int>(e, key, field, Range("an integer", min, max, int.MinValue, int.MaxValue),
            t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v : null);

    /// <summary>A 64-bit integer.</summary>
    public long? Long(Dictionary<string, YamlNode>? e, string key, string field) =>
        Parse<long>(e, key, field, "an integer",
            t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double? Number(Dictionary<string, YamlNode>? e, string key, string field,
        double min = double.NegativeInfinity, double max = double.PositiveInfinity) =>
        Parse<double>(e, key, field, Range("a number", min, max, double.NegativeInfinity, double.PositiveInfinity),
            t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= min && v <= max ? v : null);

    /// <summary>YAML's true or false (any of true, True, TRUE, false, False, FALSE).</summary>
    public bool? Boolean(Dictionary<string, YamlNode>? e, string key, string field) =>
        Parse<bool>(e, key, field, "true or false", t => t switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => null,
        });

    /// <summary>One of the enum's <see cref="Cai.Core.Choices.Choice{T}"/> spellings mapped to its value; <c>_</c> reads as <c>-</c> (TRL writes <c>soft_label</c>).</summary>
    public T? Choice<T>(Dictionary<string, YamlNode>? e, string key, string field) where T : struct, Enum
    {
        if (e is null || !e.TryGetValue(key, out var node)) return null;
        var text = node is YamlScalarNode s ? Expand(s, Field(field, key)) : null;
        if (text is not null && Cai.Core.Choices.Choice<T>.Parse(text) is { } value) return value;
        if (text is not null || node is not YamlScalarNode)
            Error(node, Field(field, key), $"must be one of {Cai.Core.Choices.Choice<T>.Expected}, got {Describe(node)}");
        return null;
    }

    /// <summary>A list of the enum's <see cref="Cai.Core.Choices.Choice{T}"/> spellings (a single one counts as a list of one), without repeats.</summary>
    public List<T>? Choices<T>(Dictionary<string, YamlNode>? e, string key, string field) where T : struct, Enum =>
        List(e, key, field, $"one of {Cai.Core.Choices.Choice<T>.Expected}", Cai.Core.Choices.Choice<T>.Parse)?.Distinct().ToList();

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

    // Numbers and booleans must be plain scalars: a quoted "0.1" is text in YAML, and saying so beats guessing.
    T? Parse<T>(Dictionary<string, YamlNode>? e, string key, string field, string expected, Func<string, T?> parse) where T : struct
    {
        if (e is null || !e.TryGetValue(key, out var node)) return null;
        var text = node is YamlScalarNode { Style: ScalarStyle.Plain } s ? Expand(s, Field(field, key)) : null;
        if (text is not null && parse(text) is { } value) return value;
        Error(node, Field(field, key), $"must be {expected}, got {Describe(node)}");
        return null;
    }

    static string Range<T>(string what, T min, T max, T lowest, T highest) where T : IFormattable, IEquatable<T> =>
        Cai.Core.Options.OptionRanges.Bounds(min, max, lowest, highest) is { Length: > 0 } bounds ? $"{what} {bounds}" : what;

    static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    string? Expand(YamlScalarNode node, string field)
    {
        var text = node.Value ?? "";
        if (environment is null) return text;
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

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:-(?<default>[^}]*))?\}")]
    private static partial Regex EnvReference();
}
