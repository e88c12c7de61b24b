using Cai.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

/// <summary>
/// Applies <c>--set key.path=value</c> overrides to a config document before it is read, e.g.
/// <c>--set models.policy.spec=local:/models/stories260K.bin</c>, <c>--set prompts.limit=5</c> or a YAML flow list or
/// mapping, <c>--set 'pairs.modes=[revision]'</c>; a list item is addressed by its index (<c>--set train.1.config=dpo.yaml</c>).
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
            YamlNode node = root;
            foreach (var key in path[..^1])
            {
                if (node is YamlSequenceNode list)
                {
                    node = Item(list, key, text);
                    continue;
                }
                var map = node as YamlMappingNode ?? throw Bad(text, $"'{key}' is not under a mapping");
                var child = map.Children.TryGetValue(new YamlScalarNode(key), out var found) ? found : null;
                if (child is null)
                    map.Children[new YamlScalarNode(key)] = child = new YamlMappingNode();
                if (child is YamlScalarNode { Value: { } spec } && path[^1] != key)
                    // A model given as a bare spec string becomes a mapping so one of its options can be set.
                    map.Children[new YamlScalarNode(key)] = child = new YamlMappingNode { { "spec", spec } };
                if (child is not (YamlMappingNode or YamlSequenceNode))
                    throw Bad(text, $"'{key}' is not a mapping");
                node = child;
            }
            var value = Value(text, text[(eq + 1)..].Trim());
            if (node is YamlSequenceNode items)
                items.Children[Index(items, path[^1], text)] = value;
            else
                ((YamlMappingNode)node).Children[new YamlScalarNode(path[^1])] = value;
            foreach (var created in value.AllNodes)
                origins[created] = text;
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

    // A list item is addressed by its 0-based index, e.g. --set train.1.config=dpo.yaml for the second training step.
    static YamlNode Item(YamlSequenceNode list, string key, string text) => list.Children[Index(list, key, text)];

    static int Index(YamlSequenceNode list, string key, string text) =>
        int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < list.Children.Count
            ? i
            : throw Bad(text, $"'{key}' is not an index of the list (0 to {list.Children.Count - 1})");

    static PipelineConfigException Bad(string text, string message) =>
        new([new YamlDiagnostic("--set " + text, 1, 1, message)]);
}
