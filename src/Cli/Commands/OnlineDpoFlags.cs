using Cai.Models;
using Cai.Train.Online;
using Cai.Train.Options;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>The options of <c>cai train online-dpo</c>: TRL's OnlineDPOConfig names as flags, applied over the YAML <c>--config</c>.</summary>
internal sealed class OnlineDpoFlags : OnlineFlags<OnlineDpoOptions>
{
    public Option<double?> Beta { get; } = new("--beta") { Description = "beta: strength of the implicit KL penalty (0.1)." };
    public Option<string?> LossType { get; } = new("--loss-type") { Description = "loss_type: sigmoid (default) or ipo." };
    public Option<int?> MaxNewTokens { get; } = new("--max-new-tokens") { Description = "max_new_tokens per completion (64)." };

    public override string Name => "online-dpo";

    public override IReadOnlyList<string> SummaryMetrics { get; } =
        ["step", "objective/scores", "objective/scores_margin", "objective/kl", "loss", "rewards/margins", "rewards/accuracies"];

    protected override IEnumerable<Option> Specific => [Beta, LossType, MissingEosPenalty, MaxNewTokens];

    /// <inheritdoc />
    public override OnlineDpoOptions Apply(ParseResult p, OnlineDpoOptions o) => ApplyCommon(p, o) with
    {
        Beta = p.GetValue(Beta) ?? o.Beta,
        LossType = p.GetValue(LossType) is { } l ? TrainConfigFile.ParseLossType(l, "--loss-type") : o.LossType,
        MissingEosPenalty = p.GetValue(MissingEosPenalty) ?? o.MissingEosPenalty,
        MaxNewTokens = p.GetValue(MaxNewTokens) ?? o.MaxNewTokens,
    };

    public override int MaxResponseTokens(TrainingOptions options) => ((OnlineDpoOptions)options).MaxNewTokens;

    public override bool TakesPairwiseJudge => true;

    // max_length bounds prompt + completion; the prompt is cut from the left to fit, as TRL does.
    public override int? MaxPromptTokens(TrainingOptions options) => ((OnlineDpoOptions)options).MaxLength - ((OnlineDpoOptions)options).MaxNewTokens;

    public override RolloutPlan Plan(TrainingOptions options, int promptCount) => RolloutPlan.For((OnlineDpoOptions)options, promptCount);

    public override IOnlineAlgorithm Algorithm(TrainingOptions options, LocalModel policy, string modelPath, TrainRequest request, ILogger logger) =>
        new OnlineDpoTrainer(policy.Module, (OnlineDpoOptions)options);
}
