using Cai.Models;
using Cai.Train.Online;
using Cai.Train.Options;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>The group-rollout trainers, <c>cai train rloo</c> and <c>cai train grpo</c>.</summary>
internal static class GroupRolloutFlags
{
    /// <summary><c>cai train rloo</c>: TRL's RLOOConfig as flags (<see cref="RlooOptions"/>).</summary>
    public static OnlineFlags Rloo() => new GroupRolloutFlags<RlooOptions>("rloo", (policy, o) => new RlooTrainer(policy, o));

    /// <summary><c>cai train grpo</c>: TRL's GRPOConfig as flags (<see cref="GrpoOptions"/>).</summary>
    public static OnlineFlags Grpo() => new GroupRolloutFlags<GrpoOptions>("grpo", (policy, o) => new GrpoTrainer(policy, o));
}

/// <summary>What RLOO and GRPO share beyond their options (TRL's <c>RLOOConfig</c> and <c>GRPOConfig</c>): the run summary, the rollout plan, and the trainer each builds.</summary>
internal sealed class GroupRolloutFlags<TOptions>(string name, Func<CausalLanguageModel, TOptions, IOnlineAlgorithm> trainer) : OnlineFlags<TOptions>
    where TOptions : GroupRolloutOptions, new()
{
    public override string Name { get; } = name;

    public override IReadOnlyList<string> SummaryMetrics { get; } =
        ["step", "reward", "reward_std", "frac_reward_zero_std", "kl", "loss", "clip_ratio/region_mean", "completions/mean_length"];

    public override int MaxResponseTokens(TrainingOptions options) => ((GroupRolloutOptions)options).MaxCompletionLength;

    public override int? MaxPromptTokens(TrainingOptions options) => ((GroupRolloutOptions)options).MaxPromptLength;

    public override RolloutPlan Plan(TrainingOptions options, int promptCount) => RolloutPlan.For((GroupRolloutOptions)options, promptCount);

    public override IOnlineAlgorithm Algorithm(TrainingOptions options, LocalModel policy, string modelPath, TrainRequest request, ILogger logger) =>
        trainer(policy.Module, (TOptions)options);
}
