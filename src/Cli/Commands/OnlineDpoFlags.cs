using Cai.Models;
using Cai.Train.Online;
using Cai.Train.Options;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary><c>cai train online-dpo</c>: TRL's OnlineDPOConfig as flags (<see cref="OnlineDpoOptions"/>) and its trainer.</summary>
internal sealed class OnlineDpoFlags : OnlineFlags<OnlineDpoOptions>
{
    public override string Name => "online-dpo";

    public override IReadOnlyList<string> SummaryMetrics { get; } =
        ["step", "objective/scores", "objective/scores_margin", "objective/kl", "loss", "rewards/margins", "rewards/accuracies"];

    public override int MaxResponseTokens(TrainingOptions options) => ((OnlineDpoOptions)options).MaxNewTokens;

    public override bool TakesPairwiseJudge => true;

    // max_length bounds prompt + completion; the prompt is cut from the left to fit, as TRL does.
    public override int? MaxPromptTokens(TrainingOptions options) => ((OnlineDpoOptions)options).MaxLength - ((OnlineDpoOptions)options).MaxNewTokens;

    public override RolloutPlan Plan(TrainingOptions options, int promptCount) => RolloutPlan.For((OnlineDpoOptions)options, promptCount);

    public override IOnlineAlgorithm Algorithm(TrainingOptions options, LocalModel policy, string modelPath, TrainRequest request, ILogger logger) =>
        new OnlineDpoTrainer(policy.Module, (OnlineDpoOptions)options);
}
