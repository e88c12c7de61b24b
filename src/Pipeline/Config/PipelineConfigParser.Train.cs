using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

sealed partial class PipelineConfigParser
{
    static readonly Dictionary<string, TrainStepKind> Trainers = new() { ["dpo"] = TrainStepKind.Dpo, ["kto"] = TrainStepKind.Kto };

    TrainStepConfig? Train(Dictionary<string, YamlNode>? e)
    {
        if (e is null || !e.ContainsKey("train"))
            return null;
        var t = Section(e, "train", "trainer", "config", "out");
        var options = r.String(t, "config", "train");
        var output = r.String(t, "out", "train");
        return new TrainStepConfig
        {
            Trainer = r.Choice(t, "trainer", "train", Trainers) ?? TrainStepKind.Dpo,
            OptionsFile = options is { Length: > 0 } ? Resolve(options) : null,
            Out = output is { Length: > 0 } ? Resolve(output) : null,
        };
    }
}
