using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

/// <summary>
/// Applies <c>--set key.path=value</c> overrides to a config document before it is read, e.g.
/// <c>--set models.policy.spec=local:/models/stories260K.bin</c> or <c>--set prompts.limit=5</c>; a list item is
/// addressed by its index (<c>--set train.1.config=dpo.yaml</c>).
/// </summary>
static class ConfigOverrides
{
    public static void Apply(YamlMappingNode root, IEnumerable<string> overrides)
    {
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
            var value = new YamlScalarNode(text[(eq + 1)..].Trim()) { Style = YamlDotNet.Core.ScalarStyle.Plain };
            if (node is YamlSequenceNode items)
                items.Children[Index(items, path[^1], text)] = value;
            else
                ((YamlMappingNode)node).Children[new YamlScalarNode(path[^1])] = value;
        }
    }

    // A list item is addressed by its 0-based index, e.g. --set train.1.config=dpo.yaml for the second training step.
    static YamlNode Item(YamlSequenceNode list, string key, string text) => list.Children[Index(list, key, text)];

    static int Index(YamlSequenceNode list, string key, string text) =>
        int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < list.Children.Count
            ? i
            : throw Bad(text, $"'{key}' is not an index of the list (0 to {list.Children.Count - 1})");

    static PipelineConfigException Bad(string text, string message) =>
        new([new ConfigDiagnostic("--set " + text, 1, 1, message)]);
}
