using Cai.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

sealed partial class PipelineConfigParser
{
    // train: is one step (a mapping) or a chain of steps (a list of mappings), e.g. [{trainer: sft}, {trainer: dpo}].
    IReadOnlyList<TrainStepConfig> Train(Dictionary<string, YamlNode>? e, IReadOnlyList<ExportFormat> exports)
    {
        if (e is null || !e.TryGetValue("train", out var node))
            return [];
        var chain = node is YamlSequenceNode;
        IReadOnlyList<(YamlNode Node, string Field)> items = node is YamlSequenceNode list
            ? [.. list.Children.Select((child, i) => (child, $"train[{i}]"))]
            : [(node, "train")];
        if (items.Count == 0)
            r.Error(node, "train", "expected at least one step, e.g. [{trainer: sft}, {trainer: dpo}]");
        var steps = new List<TrainStepConfig>();
        foreach (var (item, field) in items)
        {
            var t = r.Entries(item, field, "trainer", "config", "out");
            var options = r.String(t, "config", field);
            var output = r.String(t, "out", field);
            var step = new TrainStepConfig
            {
                Trainer = r.Choice<TrainStepKind>(t, "trainer", field) ?? TrainStepKind.Dpo,
                OptionsFile = options is { Length: > 0 } ? Resolve(options) : null,
                Out = output is { Length: > 0 } ? Resolve(output) : null,
            };
            var needs = step.Trainer switch { TrainStepKind.Sft => ExportFormat.Sft, TrainStepKind.Kto => ExportFormat.Kto, _ => ExportFormat.Jsonl };
            if (!exports.Contains(needs))
                r.Error(item, field, $"the {Name(step.Trainer)} trainer reads the {Name(needs)} export; add {Name(needs)} to pairs.exports");
            if (chain && step.Out is null && steps.Any(s => s.Out is null && s.Trainer == step.Trainer))
                r.Error(item, field, $"two {Name(step.Trainer)} steps would share the output folder train/{Name(step.Trainer)}; give one an out:");
            steps.Add(step);
        }
        return steps;
    }

    static string Name<T>(T value) where T : struct, Enum => Cai.Core.Choices.Choice<T>.Name(value);
}
