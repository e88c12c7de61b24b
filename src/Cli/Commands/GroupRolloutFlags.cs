using Cai.Train.Online;
using Cai.Train.Options;

namespace Cai.Cli.Commands;

/// <summary>The flags RLOO and GRPO share (TRL's names in <c>RLOOConfig</c> and <c>GRPOConfig</c>).</summary>
internal abstract class GroupRolloutFlags<TOptions> : OnlineFlags<TOptions> where TOptions : GroupRolloutOptions, new()
{
    public Option<int?> NumGenerations { get; } = new("--num-generations") { Description = "num_generations: completions per prompt (GRPO 8, RLOO 2)." };
    public Option<double?> Beta { get; } = new("--beta") { Description = "beta: weight of the KL to the reference (GRPO 0, RLOO 0.05)." };
    public Option<double?> Epsilon { get; } = new("--epsilon") { Description = "epsilon: ratio clip (0.2)." };
    public Option<double?> EpsilonHigh { get; } = new("--epsilon-high") { Description = "epsilon_high: upper ratio clip (epsilon)." };
    public Option<int?> NumIterations { get; } = new("--num-iterations") { Description = "num_iterations: passes over each generation batch (1)." };
    public Option<int?> MaxCompletionLength { get; } = new("--max-completion-length") { Description = "max_completion_length (256)." };
    public Option<bool?> MaskTruncated { get; } = new("--mask-truncated-completions") { Description = "mask_truncated_completions (off)." };

    /// <summary>The options RLOO and GRPO share.</summary>
    protected IEnumerable<Option> Shared => [NumGenerations, Beta, Epsilon, EpsilonHigh, NumIterations, MaxCompletionLength, MaskTruncated];

    public override IReadOnlyList<string> SummaryMetrics { get; } =
        ["step", "reward", "reward_std", "frac_reward_zero_std", "kl", "loss", "clip_ratio/region_mean", "completions/mean_length"];

    public override int MaxResponseTokens(TrainingOptions options) => ((GroupRolloutOptions)options).MaxCompletionLength;

    public override int? MaxPromptTokens(TrainingOptions options) => ((GroupRolloutOptions)options).MaxPromptLength;

    public override RolloutPlan Plan(TrainingOptions options, int promptCount) => RolloutPlan.For((GroupRolloutOptions)options, promptCount);

    /// <summary>The shared and group flags given on the command line applied over <paramref name="o"/>.</summary>
    protected TOptions ApplyGroup(ParseResult p, TOptions o) => (TOptions)(ApplyCommon(p, o) with
    {
        NumGenerations = p.GetValue(NumGenerations) ?? o.NumGenerations,
        Beta = p.GetValue(Beta) ?? o.Beta,
        Epsilon = p.GetValue(Epsilon) ?? o.Epsilon,
        EpsilonHigh = p.GetValue(EpsilonHigh) ?? o.EpsilonHigh,
        NumIterations = p.GetValue(NumIterations) ?? o.NumIterations,
        MaxCompletionLength = p.GetValue(MaxCompletionLength) ?? o.MaxCompletionLength,
        MaskTruncatedCompletions = p.GetValue(MaskTruncated) ?? o.MaskTruncatedCompletions,
    });
}
