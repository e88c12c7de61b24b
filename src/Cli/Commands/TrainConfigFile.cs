using System.Text.Json;
using System.Text.Json.Nodes;
using Cai.Core.Json;
using Cai.Train.Losses;
using Cai.Train.Options;
using Cai.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cai.Cli.Commands;

/// <summary>
/// Reads trainer options from a YAML file of TRL snake_case keys (<c>beta: 0.1</c>, <c>loss_type: ipo</c>,
/// <c>learning_rate: 5e-7</c>); an unknown key or a bad value is a <see cref="CliException"/> naming file, line and key.
/// </summary>
internal static class TrainConfigFile
{
    public static T Load<T>(string? path) where T : TrainingOptions, new()
    {
        if (path is null)
            return new T();
        if (!File.Exists(path))
            throw new FileNotFoundException($"config file not found: '{path}'", path);
        YamlStream yaml;
        try
        {
            yaml = YamlInput.Load(YamlInput.ReadFile(path), path);
        }
        catch (YamlInputException ex)
        {
            throw new CliException(ex.Message, inner: ex);
        }
        catch (YamlException ex)
        {
            throw new CliException($"{path}:{ex.Start.Line}:{ex.Start.Column}: YAML syntax error: {ex.Message}", inner: ex);
        }
        if (yaml.Documents.Count == 0)
            return new T();
        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new CliException($"{path}: expected a mapping of TRL option names to values");
        var known = Keys(typeof(T)).ToHashSet();
        var json = new JsonObject();
        var lines = new Dictionary<string, long>();
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!;
            var line = keyNode.Start.Line;
            if (!known.Contains(key))
                throw new CliException($"{path}:{line}: unknown option '{key}' for {typeof(T).Name}; expected one of {string.Join(", ", known.Order())}");
            if (valueNode is not YamlScalarNode { Value: { } text })
                throw new CliException($"{path}:{line}: option '{key}' must be a single value");
            json[key] = key == "loss_type" && typeof(T).GetProperty("LossType")?.PropertyType == typeof(DpoLossType) ? JsonValue.Create(LossTypeName(ParseLossType(text, $"{path}:{line}"))) : Scalar(text);
            lines[key] = line;
        }

        try
        {
            return json.Deserialize<T>(CaiJson.Options) ?? new T();
        }
        catch (JsonException ex)
        {
            var key = ex.Path?.TrimStart('$', '.') ?? "?";
            throw new CliException($"{path}:{lines.GetValueOrDefault(key)}: option '{key}' has a bad value ({ex.Message})", inner: ex);
        }
    }

    /// <summary>The YAML keys of <c>cai train &lt;kind&gt;</c>'s options file, in order.</summary>
    public static IEnumerable<string> Keys(TrainKind kind) => Keys(kind switch
    {
        TrainKind.Sft => typeof(SftOptions),
        TrainKind.Reward => typeof(RewardOptions),
        TrainKind.Dpo => typeof(DpoOptions),
        _ => typeof(KtoOptions),
    });

    /// <summary>The YAML keys of an options record (TRL's snake_case names), in order.</summary>
    public static IEnumerable<string> Keys(Type options) =>
        options.GetProperties().Where(p => p.CanWrite).Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).Order(StringComparer.Ordinal);

    /// <summary>TRL's loss_type spellings: sigmoid, hinge, ipo, robust, simpo, soft-label (or soft_label).</summary>
    public static DpoLossType ParseLossType(string text, string where) => text.Replace('_', '-').ToLowerInvariant() switch
    {
        "sigmoid" => DpoLossType.Sigmoid,
        "hinge" => DpoLossType.Hinge,
        "ipo" => DpoLossType.Ipo,
        "robust" => DpoLossType.Robust,
        "simpo" => DpoLossType.SimPo,
        "soft-label" => DpoLossType.SoftLabel,
        _ => throw new CliException($"{where}: unknown loss_type '{text}'; expected sigmoid, hinge, ipo, robust, simpo or soft-label"),
    };

    static string LossTypeName(DpoLossType type) => JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString());

    static JsonNode? Scalar(string text) =>
        bool.TryParse(text, out var b) ? JsonValue.Create(b)
        : long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var l) ? JsonValue.Create(l)
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d)
        : text is "null" or "~" ? null
        : JsonValue.Create(text);
}
