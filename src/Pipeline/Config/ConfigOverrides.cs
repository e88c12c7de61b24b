using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

/// <summary>
/// Applies <c>--set key.path=value</c> overrides to a config document before it is read, e.g.
/// <c>--set models.policy.spec=local:/models/stories260K.bin</c>, <c>--set prompts.limit=5</c> or a YAML flow list or
/// mapping, <c>--set 'pairs.modes=[revision]'</c>.
/// </summary>
static class ConfigOverrides
{
    /// <summary>Applies the overrides; returns each node they put into the tree with the <c>--set</c> text it came from.</summary>
    public static IReadOnlyDictionary<YamlNode, string> Apply(YamlMappingNode root, IEnumerable<string> overrides)
    {
        var origins = new Dictionary<YamlNode, string>(ReferenceEqualityComparer.Instance);
        foreach (var text in overrides)
        {
            var eq = text.IndexOf('=');
            var path = eq > 0 ? text[..eq].Trim().Split('.') : [];
            if (eq <= 0 || path.Any(string.IsNullOrWhiteSpace))
                throw Bad(text, "expected key.path=value, e.g. prompts.limit=5");
            var map = root;
            foreach (var key in path[..^1])
            {
                var child = map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;
                if (child is null)
                    map.Children[new YamlScalarNode(key)] = child = new YamlMappingNode();
                if (child is YamlScalarNode { Value: { } spec } && path[^1] != key)
                    // A model given as a bare spec string becomes a mapping so one of its options can be set.
                    map.Children[new YamlScalarNode(key)] = child = new YamlMappingNode { { "spec", spec } };
                map = child as YamlMappingNode ?? throw Bad(text, $"'{key}' is not a mapping");
            }
            var value = Value(text, text[(eq + 1)..].Trim());
            map.Children[new YamlScalarNode(path[^1])] = value;
            foreach (var node in value.AllNodes)
                origins[node] = text;
        }
        return origins;
    }

    static YamlNode Value(string text, string value)
    {
        if (!value.StartsWith('[') && !value.StartsWith('{'))
            return new YamlScalarNode(value) { Style = YamlDotNet.Core.ScalarStyle.Plain };
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(value));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw Bad(text, $"the value is not a YAML list or mapping: {ex.Message}");
        }
        return stream.Documents[0].RootNode;
    }

    static PipelineConfigException Bad(string text, string message) =>
        new([new ConfigDiagnostic("--set " + text, 1, 1, message)]);
}
