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
    public Option<int?> NumPpoEpochs { get; } = new("--num-ppo-epochs") { Description = "num_ppo_epochs (4)." };
    public Option<int?> NumMiniBatches { get; } = new("--num-mini-batches") { Description = "num_mini_batches (1)." };
    public Option<int?> TotalEpisodes { get; } = new("--total-episodes") { Description = "total_episodes." };
    public Option<int?> ResponseLength { get; } = new("--response-length") { Description = "response_length (53)." };
    public Option<double?> KlCoef { get; } = new("--kl-coef") { Description = "kl_coef (0.05)." };
    public Option<string?> KlEstimator { get; } = new("--kl-estimator") { Description = "kl_estimator: k1 (default) or k3." };
    public Option<bool?> AdapKlCtrl { get; } = new("--adap-kl-ctrl") { Description = "adap_kl_ctrl: adapt kl_coef towards --target (off)." };
    public Option<double?> Target { get; } = new("--target") { Description = "target KL of the adaptive controller (6)." };
    public Option<double?> Horizon { get; } = new("--horizon") { Description = "horizon of the adaptive controller (10000)." };
    public Option<double?> Cliprange { get; } = new("--cliprange") { Description = "cliprange (0.2)." };
    public Option<double?> CliprangeValue { get; } = new("--cliprange-value") { Description = "cliprange_value (0.2)." };
    public Option<double?> VfCoef { get; } = new("--vf-coef") { Description = "vf_coef (0.1)." };
    public Option<double?> Gamma { get; } = new("--gamma") { Description = "gamma (1.0)." };
    public Option<double?> Lam { get; } = new("--lam") { Description = "lam (0.95)." };
    public Option<bool?> WhitenRewards { get; } = new("--whiten-rewards") { Description = "whiten_rewards (off)." };
    public Option<int?> NormalizationSamples { get; } = new("--reward-normalization-samples") { Description = "reward_normalization_samples: fit gain/bias on this many reference samples (0 = off)." };
    public Option<int?> ForwardBatch { get; } = new("--local-rollout-forward-batch-size") { Description = "local_rollout_forward_batch_size (64)." };
    public Option<int?> StopTokenId { get; } = new("--stop-token-id") { Description = "stop_token_id: a token that ends a response besides EOS, kept as its last token (off)." };

    public override string Name => "ppo";

    public override IReadOnlyList<string> SummaryMetrics { get; } =
        ["step", "objective/scores", "objective/kl", "objective/rlhf_reward", "objective/entropy", "loss/policy_avg", "loss/value_avg"];

    protected override IEnumerable<Option> Specific =>
    [
        ValueModel, NumPpoEpochs, NumMiniBatches, TotalEpisodes, ResponseLength, MissingEosPenalty, KlCoef, KlEstimator, AdapKlCtrl, Target,
        Horizon, Cliprange, CliprangeValue, VfCoef, Gamma, Lam, WhitenRewards, NormalizationSamples, ForwardBatch, StopTokenId,
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

    /// <inheritdoc />
    public override PpoOptions Apply(ParseResult p, PpoOptions o) => ApplyCommon(p, o) with
    {
        NumPpoEpochs = p.GetValue(NumPpoEpochs) ?? o.NumPpoEpochs,
        NumMiniBatches = p.GetValue(NumMiniBatches) ?? o.NumMiniBatches,
        TotalEpisodes = p.GetValue(TotalEpisodes) ?? o.TotalEpisodes,
        ResponseLength = p.GetValue(ResponseLength) ?? o.ResponseLength,
        MissingEosPenalty = p.GetValue(MissingEosPenalty) ?? o.MissingEosPenalty,
        KlCoef = p.GetValue(KlCoef) ?? o.KlCoef,
        KlEstimator = p.GetValue(KlEstimator) is { } e ? ParseEstimator(e) : o.KlEstimator,
        AdapKlCtrl = p.GetValue(AdapKlCtrl) ?? o.AdapKlCtrl,
        Target = p.GetValue(Target) ?? o.Target,
        Horizon = p.GetValue(Horizon) ?? o.Horizon,
        Cliprange = p.GetValue(Cliprange) ?? o.Cliprange,
        CliprangeValue = p.GetValue(CliprangeValue) ?? o.CliprangeValue,
        VfCoef = p.GetValue(VfCoef) ?? o.VfCoef,
        Gamma = p.GetValue(Gamma) ?? o.Gamma,
        Lam = p.GetValue(Lam) ?? o.Lam,
        WhitenRewards = p.GetValue(WhitenRewards) ?? o.WhitenRewards,
        RewardNormalizationSamples = p.GetValue(NormalizationSamples) ?? o.RewardNormalizationSamples,
        LocalRolloutForwardBatchSize = p.GetValue(ForwardBatch) ?? o.LocalRolloutForwardBatchSize,
        StopTokenId = p.GetValue(StopTokenId) ?? o.StopTokenId,
    };

    static KlEstimator ParseEstimator(string text) => text.ToLowerInvariant() switch
    {
        "k1" => Train.Losses.KlEstimator.K1,
        "k3" => Train.Losses.KlEstimator.K3,
        _ => throw new CliException($"--kl-estimator: unknown value '{text}'; expected k1 or k3"),
    };
}
