using YamlDotNet.RepresentationModel;

namespace Cai.Pipeline.Config;

sealed partial class PipelineConfigParser
{
    TrainStepConfig? Train(Dictionary<string, YamlNode>? e)
    {
        if (e is null || !e.ContainsKey("train"))
            return null;
        var t = Section(e, "train", "trainer", "config", "out");
        var options = r.String(t, "config", "train");
        var output = r.String(t, "out", "train");
        return new TrainStepConfig
        {
            Trainer = r.Choice<TrainStepKind>(t, "trainer", "train") ?? TrainStepKind.Dpo,
            OptionsFile = options is { Length: > 0 } ? Resolve(options) : null,
            Out = output is { Length: > 0 } ? Resolve(output) : null,
        };
    }
}
