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
            var t = r.Entries(item, field, "trainer", "config", "out", "reward");
            var options = r.String(t, "config", field);
            var output = r.String(t, "out", field);
            var trainer = r.Choice<TrainStepKind>(t, "trainer", field) ?? TrainStepKind.Dpo;
            var step = new TrainStepConfig
            {
                Trainer = trainer,
                OptionsFile = options is { Length: > 0 } ? Resolve(options) : null,
                Out = output is { Length: > 0 } ? Resolve(output) : null,
                Reward = Reward(t, field, item, trainer, steps),
            };
            if (step.Reads is { } export && !exports.Contains(export))
                r.Error(item, field, $"the {Name(step.Trainer)} trainer reads the {Name(export)} export; add {Name(export)} to pairs.exports");
            if (chain && step.Out is null && steps.Any(s => s.Out is null && s.Trainer == step.Trainer))
                r.Error(item, field, $"two {Name(step.Trainer)} steps would share the output folder train/{Name(step.Trainer)}; give one an out:");
            steps.Add(step);
        }
        return steps;
    }

    // reward: rules | judge | pairwise-judge | reward-model (the chain's reward step) | a reward-model folder.
    TrainReward? Reward(Dictionary<string, YamlNode>? t, string field, YamlNode item, TrainStepKind trainer, List<TrainStepConfig> earlier)
    {
        var text = r.String(t, "reward", field);
        var online = trainer is TrainStepKind.Ppo or TrainStepKind.Rloo or TrainStepKind.Grpo or TrainStepKind.OnlineDpo;
        var fromChain = earlier.Any(s => s.Trainer == TrainStepKind.Reward);
        if (!online)
        {
            if (text is not null)
                r.Error(t!["reward"], $"{field}.reward", $"the {Name(trainer)} trainer takes no reward; only ppo, rloo, grpo and online-dpo do");
            return null;
        }

        if (text is null or "")
        {
            if (!fromChain)
                r.Error(item, field, $"the {Name(trainer)} trainer needs a reward: rules, judge, {(trainer == TrainStepKind.OnlineDpo ? "pairwise-judge, " : "")}reward-model (after a reward step) or a reward-model folder");
            return fromChain ? new TrainReward(TrainRewardKind.RewardModel) : null;
        }

        if (Cai.Core.Choices.Choice<TrainRewardKind>.Parse(text) is not { } kind)
            return new TrainReward(TrainRewardKind.RewardModel, Resolve(text));
        if (kind == TrainRewardKind.RewardModel && !fromChain)
            r.Error(t!["reward"], $"{field}.reward", "reward-model names the chain's reward step, and no reward step comes before this one; add {trainer: reward} before it or give a reward-model folder");
        if (kind == TrainRewardKind.PairwiseJudge && trainer != TrainStepKind.OnlineDpo)
            r.Error(t!["reward"], $"{field}.reward", $"pairwise-judge picks chosen and rejected for online-dpo; {Name(trainer)} needs a score per answer (rules, judge or a reward model)");
        return new TrainReward(kind);
    }

    static string Name<T>(T value) where T : struct, Enum => Cai.Core.Choices.Choice<T>.Name(value);
}
