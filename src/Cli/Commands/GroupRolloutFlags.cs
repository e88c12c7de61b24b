using Cai.Train.Online;
using Cai.Train.Options;

namespace Cai.Cli.Commands;

/// <summary>The flags RLOO and GRPO share (TRL's names in <c>RLOOConfig</c> and <c>GRPOConfig</c>).</summary>
internal abstract class GroupRolloutFlags<TOptions> : OnlineFlags<TOptions> where TOptions : GroupRolloutOptions, new()
{
    /// <summary>The flags RLOO and GRPO share, first in help order.</summary>
    protected static IReadOnlyList<OnlineFlag<TOptions>> GroupFlags() =>
    [
        Flag<int>("--num-generations", "num_generations: completions per prompt (GRPO 8, RLOO 2).", (o, v) => (TOptions)(o with { NumGenerations = v })),
        Flag<double>("--beta", "beta: weight of the KL to the reference (GRPO 0, RLOO 0.05).", (o, v) => (TOptions)(o with { Beta = v })),
        Flag<double>("--epsilon", "epsilon: ratio clip (0.2).", (o, v) => (TOptions)(o with { Epsilon = v })),
        Flag<double>("--epsilon-high", "epsilon_high: upper ratio clip (epsilon).", (o, v) => (TOptions)(o with { EpsilonHigh = v })),
        Flag<int>("--num-iterations", "num_iterations: passes over each generation batch (1).", (o, v) => (TOptions)(o with { NumIterations = v })),
        Flag<int>("--max-completion-length", "max_completion_length (256).", (o, v) => (TOptions)(o with { MaxCompletionLength = v })),
        Flag<bool>("--mask-truncated-completions", "mask_truncated_completions (off).", (o, v) => (TOptions)(o with { MaskTruncatedCompletions = v })),
    ];

    public override IReadOnlyList<string> SummaryMetrics { get; } =
        ["step", "reward", "reward_std", "frac_reward_zero_std", "kl", "loss", "clip_ratio/region_mean", "completions/mean_length"];

    public override int MaxResponseTokens(TrainingOptions options) => ((GroupRolloutOptions)options).MaxCompletionLength;

    public override int? MaxPromptTokens(TrainingOptions options) => ((GroupRolloutOptions)options).MaxPromptLength;

    public override RolloutPlan Plan(TrainingOptions options, int promptCount) => RolloutPlan.For((GroupRolloutOptions)options, promptCount);
}
