using Cai.Models;
using Cai.Train.Models;
using Cai.Train.Online;
using Cai.Train.Options;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary><c>cai train ppo</c>: TRL's PPOConfig as flags (<see cref="PpoOptions"/>), its value model and its trainer.</summary>
internal sealed class PpoFlags : OnlineFlags<PpoOptions>
{
    public Option<string?> ValueModel { get; } = new("--value-model") { Description = "Value model: a reward-model folder (head kept) or a model (zero head). Default: the reward model, else the policy." };

    public override string Name => "ppo";

    public override IReadOnlyList<string> SummaryMetrics { get; } =
        ["step", "objective/scores", "objective/kl", "objective/rlhf_reward", "objective/entropy", "loss/policy_avg", "loss/value_avg"];

    protected override IEnumerable<Option> Extra => [ValueModel];

    public override int MaxResponseTokens(TrainingOptions options) => ((PpoOptions)options).ResponseLength;

    public override int RewardBatchSize(TrainingOptions options) => ((PpoOptions)options).LocalRolloutForwardBatchSize;

    public override RolloutPlan Plan(TrainingOptions options, int promptCount) => RolloutPlan.For((PpoOptions)options, promptCount);

    public override IOnlineAlgorithm Algorithm(TrainingOptions options, LocalModel policy, string modelPath, TrainRequest request, ILogger logger) =>
        new PpoTrainer(policy.Module, LoadValueModel(request.ValueModel ?? RewardSpec.ModelFolders(request.Rewards).FirstOrDefault() ?? modelPath, logger),
            (PpoOptions)options);

    public override TrainRequest Request(ParseResult parse) => base.Request(parse) with { ValueModel = parse.GetValue(ValueModel) };

    // TRL loads the value model from the reward model (its head included); from a plain model the head starts at zero.
    static RewardModel LoadValueModel(string path, ILogger logger)
    {
        if (File.Exists(Path.Combine(path, RewardModel.HeadFile)))
        {
            var fromReward = new RewardModel(ModelFiles.LoadLlama(path));
            fromReward.Load(path);
            logger.LogInformation("value model: reward model {Path} (head kept)", path);
            return fromReward;
        }

        var model = LocalModel.Load(LocalModel.ResolvePath(path));
        logger.LogInformation("value model: {Path} with a zero head", path);
        return new RewardModel(model.Module);
    }
}
