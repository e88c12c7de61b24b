using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

/// <summary>
/// Applies <c>--set key.path=value</c> overrides to a config document before it is read, e.g.
/// <c>--set models.policy.spec=local:/models/stories260K.bin</c> or <c>--set prompts.limit=5</c>.
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
            map.Children[new YamlScalarNode(path[^1])] = new YamlScalarNode(text[(eq + 1)..].Trim()) { Style = YamlDotNet.Core.ScalarStyle.Plain };
        }
    }

    static PipelineConfigException Bad(string text, string message) =>
        new([new ConfigDiagnostic("--set " + text, 1, 1, message)]);
}
