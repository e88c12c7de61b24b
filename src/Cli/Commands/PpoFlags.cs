using Cai.Models;
using Cai.Train.Losses;
using Cai.Train.Models;
using Cai.Train.Online;
using Cai.Train.Options;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>The options of <c>cai train ppo</c>: TRL's PPOConfig names as flags, applied over the YAML <c>--config</c>.</summary>
internal sealed class PpoFlags : OnlineFlags<PpoOptions>
{
    public Option<string?> ValueModel { get; } = new("--value-model") { Description = "Value model: a reward-model folder (head kept) or a model (zero head). Default: the reward model, else the policy." };

    public override string Name => "ppo";

    public override IReadOnlyList<string> SummaryMetrics { get; } =
        ["step", "objective/scores", "objective/kl", "objective/rlhf_reward", "objective/entropy", "loss/policy_avg", "loss/value_avg"];

    protected override IEnumerable<Option> Extra => [ValueModel];

    protected override IReadOnlyList<OnlineFlag<PpoOptions>> Flags { get; } =
    [
        Flag<int>("--num-ppo-epochs", "num_ppo_epochs (4).", (o, v) => o with { NumPpoEpochs = v }),
        Flag<int>("--num-mini-batches", "num_mini_batches (1).", (o, v) => o with { NumMiniBatches = v }),
        Flag<int>("--total-episodes", "total_episodes.", (o, v) => o with { TotalEpisodes = v }),
        Flag<int>("--response-length", "response_length (53).", (o, v) => o with { ResponseLength = v }),
        Flag<double>("--missing-eos-penalty", "missing_eos_penalty (off).", (o, v) => o with { MissingEosPenalty = v }),
        Flag<double>("--kl-coef", "kl_coef (0.05).", (o, v) => o with { KlCoef = v }),
        OnlineFlag.Choice("--kl-estimator", "kl_estimator (k1).", (PpoOptions o, KlEstimator e) => o with { KlEstimator = e }),
        Flag<bool>("--adap-kl-ctrl", "adap_kl_ctrl: adapt kl_coef towards --target (off).", (o, v) => o with { AdapKlCtrl = v }),
        Flag<double>("--target", "target KL of the adaptive controller (6).", (o, v) => o with { Target = v }),
        Flag<double>("--horizon", "horizon of the adaptive controller (10000).", (o, v) => o with { Horizon = v }),
        Flag<double>("--cliprange", "cliprange (0.2).", (o, v) => o with { Cliprange = v }),
        Flag<double>("--cliprange-value", "cliprange_value (0.2).", (o, v) => o with { CliprangeValue = v }),
        Flag<double>("--vf-coef", "vf_coef (0.1).", (o, v) => o with { VfCoef = v }),
        Flag<double>("--gamma", "gamma (1.0).", (o, v) => o with { Gamma = v }),
        Flag<double>("--lam", "lam (0.95).", (o, v) => o with { Lam = v }),
        Flag<bool>("--whiten-rewards", "whiten_rewards (off).", (o, v) => o with { WhitenRewards = v }),
        Flag<int>("--reward-normalization-samples", "reward_normalization_samples: fit gain/bias on this many reference samples (0 = off).",
            (o, v) => o with { RewardNormalizationSamples = v }),
        Flag<int>("--local-rollout-forward-batch-size", "local_rollout_forward_batch_size (64).", (o, v) => o with { LocalRolloutForwardBatchSize = v }),
        Flag<int>("--stop-token-id", "stop_token_id: a token that ends a response besides EOS, kept as its last token (off).", (o, v) => o with { StopTokenId = v }),
    ];

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
