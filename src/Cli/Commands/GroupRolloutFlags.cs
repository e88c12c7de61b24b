using Cai.Models;
using Cai.Train.Losses;
using Cai.Train.Online;
using Cai.Train.Options;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>The group-rollout trainers, <c>cai train rloo</c> and <c>cai train grpo</c>: what each adds to the flags they share.</summary>
internal static class GroupRolloutFlags
{
    /// <summary><c>cai train rloo</c>: TRL's RLOOConfig names as flags, applied over the YAML <c>--config</c>.</summary>
    public static OnlineFlags Rloo() => new GroupRolloutFlags<RlooOptions>("rloo", (policy, o) => new RlooTrainer(policy, o),
        OnlineFlag.Value("--normalize-advantages", "normalize_advantages: whiten the leave-one-out advantages (off).",
            (RlooOptions o, bool v) => o with { NormalizeAdvantages = v }));

    /// <summary><c>cai train grpo</c>: TRL's GRPOConfig names as flags, applied over the YAML <c>--config</c>.</summary>
    public static OnlineFlags Grpo() => new GroupRolloutFlags<GrpoOptions>("grpo", (policy, o) => new GrpoTrainer(policy, o),
        OnlineFlag.Choice("--loss-type", "loss_type (dapo).", (GrpoOptions o, GrpoLossType l) => o with { LossType = l }),
        OnlineFlag.Choice("--scale-rewards", "scale_rewards (group).", (GrpoOptions o, GrpoScaleRewards s) => o with { ScaleRewards = s }));
}

/// <summary>
/// The flags RLOO and GRPO share (TRL's names in <c>RLOOConfig</c> and <c>GRPOConfig</c>), then the algorithm's own,
/// and the trainer it builds.
/// </summary>
internal sealed class GroupRolloutFlags<TOptions> : OnlineFlags<TOptions> where TOptions : GroupRolloutOptions, new()
{
    readonly Func<CausalLanguageModel, TOptions, IOnlineAlgorithm> trainer;

    public GroupRolloutFlags(string name, Func<CausalLanguageModel, TOptions, IOnlineAlgorithm> trainer, params OnlineFlag<TOptions>[] own)
    {
        Name = name;
        this.trainer = trainer;
        Flags =
        [
            Flag<int>("--num-generations", "num_generations: completions per prompt (GRPO 8, RLOO 2).", (o, v) => (TOptions)(o with { NumGenerations = v })),
            Flag<double>("--beta", "beta: weight of the KL to the reference (GRPO 0, RLOO 0.05).", (o, v) => (TOptions)(o with { Beta = v })),
            Flag<double>("--epsilon", "epsilon: ratio clip (0.2).", (o, v) => (TOptions)(o with { Epsilon = v })),
            Flag<double>("--epsilon-high", "epsilon_high: upper ratio clip (epsilon).", (o, v) => (TOptions)(o with { EpsilonHigh = v })),
            Flag<int>("--num-iterations", "num_iterations: passes over each generation batch (1).", (o, v) => (TOptions)(o with { NumIterations = v })),
            Flag<int>("--max-completion-length", "max_completion_length (256).", (o, v) => (TOptions)(o with { MaxCompletionLength = v })),
            Flag<bool>("--mask-truncated-completions", "mask_truncated_completions (off).", (o, v) => (TOptions)(o with { MaskTruncatedCompletions = v })),
            .. own,
        ];
    }

    public override string Name { get; }

    protected override IReadOnlyList<OnlineFlag<TOptions>> Flags { get; }

    public override IReadOnlyList<string> SummaryMetrics { get; } =
        ["step", "reward", "reward_std", "frac_reward_zero_std", "kl", "loss", "clip_ratio/region_mean", "completions/mean_length"];

    public override int MaxResponseTokens(TrainingOptions options) => ((GroupRolloutOptions)options).MaxCompletionLength;

    public override int? MaxPromptTokens(TrainingOptions options) => ((GroupRolloutOptions)options).MaxPromptLength;

    public override RolloutPlan Plan(TrainingOptions options, int promptCount) => RolloutPlan.For((GroupRolloutOptions)options, promptCount);

    public override IOnlineAlgorithm Algorithm(TrainingOptions options, LocalModel policy, string modelPath, TrainRequest request, ILogger logger) =>
        trainer(policy.Module, (TOptions)options);
}
