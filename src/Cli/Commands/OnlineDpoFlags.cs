using Cai.Models;
using Cai.Train.Losses;
using Cai.Train.Online;
using Cai.Train.Options;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>The options of <c>cai train online-dpo</c>: TRL's OnlineDPOConfig names as flags, applied over the YAML <c>--config</c>.</summary>
internal sealed class OnlineDpoFlags : OnlineFlags<OnlineDpoOptions>
{
    public override string Name => "online-dpo";

    public override IReadOnlyList<string> SummaryMetrics { get; } =
        ["step", "objective/scores", "objective/scores_margin", "objective/kl", "loss", "rewards/margins", "rewards/accuracies"];

    protected override IReadOnlyList<OnlineFlag<OnlineDpoOptions>> Flags { get; } =
    [
        Flag<double>("--beta", "beta: strength of the implicit KL penalty (0.1).", (o, v) => o with { Beta = v }),
        OnlineFlag.Choice("--loss-type", "loss_type: sigmoid (default) or ipo.", (OnlineDpoOptions o, DpoLossType l) => o with { LossType = l }),
        Flag<double>("--missing-eos-penalty", "missing_eos_penalty (off).", (o, v) => o with { MissingEosPenalty = v }),
        Flag<int>("--max-new-tokens", "max_new_tokens per completion (64).", (o, v) => o with { MaxNewTokens = v }),
    ];

    public override int MaxResponseTokens(TrainingOptions options) => ((OnlineDpoOptions)options).MaxNewTokens;

    public override bool TakesPairwiseJudge => true;

    // max_length bounds prompt + completion; the prompt is cut from the left to fit, as TRL does.
    public override int? MaxPromptTokens(TrainingOptions options) => ((OnlineDpoOptions)options).MaxLength - ((OnlineDpoOptions)options).MaxNewTokens;

    public override RolloutPlan Plan(TrainingOptions options, int promptCount) => RolloutPlan.For((OnlineDpoOptions)options, promptCount);

    public override IOnlineAlgorithm Algorithm(TrainingOptions options, LocalModel policy, string modelPath, TrainRequest request, ILogger logger) =>
        new OnlineDpoTrainer(policy.Module, (OnlineDpoOptions)options);
}
