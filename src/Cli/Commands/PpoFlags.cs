using System.CommandLine;
using Cai.Train.Losses;
using Cai.Train.Options;

namespace Cai.Cli.Commands;

/// <summary>The options of <c>cai train ppo</c>: TRL's PPOConfig names as flags, applied over the YAML <c>--config</c>.</summary>
internal sealed class PpoFlags
{
    public Option<string> Model { get; } = new("--model") { Description = "Policy to train: llama2.c .bin file or HF model folder.", Required = true };
    public Option<string[]> Reward { get; } = new("--reward")
    {
        Description = "Reward source, repeatable (summed): a reward-model folder from `cai train reward`, rules:<constitution.yaml>, or word-count:<word>; prefix a weight as 0.5*<source>.",
        Required = true, AllowMultipleArgumentsPerToken = false,
    };
    public Option<string> Prompts { get; } = new("--prompts") { Description = "Prompts (.jsonl): {\"id\", \"messages\"} or {\"id\", \"prompt\"}.", Required = true };
    public Option<string> Out { get; } = new("--out", "-o") { Description = "Output folder (metrics, completions, plots, checkpoints, final policy).", Required = true };
    public Option<string?> Config { get; } = new("--config") { Description = "YAML file of TRL option names (kl_coef, num_ppo_epochs, ...)." };
    public Option<string?> ValueModel { get; } = new("--value-model") { Description = "Value model: a reward-model folder (head kept) or a model (zero head). Default: the reward model, else the policy." };
    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from the latest checkpoint in --out." };
    public Option<string> ChatFormat { get; } = new("--chat-format") { Description = "Chat format: plain, chatml, llama2, llama3, zephyr.", DefaultValueFactory = _ => "plain" };
    public Option<double?> LearningRate { get; } = new("--learning-rate") { Description = "learning_rate (3e-6)." };
    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "per_device_train_batch_size (8)." };
    public Option<int?> Accumulation { get; } = new("--gradient-accumulation-steps") { Description = "gradient_accumulation_steps (1)." };
    public Option<int?> MaxSteps { get; } = new("--max-steps") { Description = "max_steps: PPO updates." };
    public Option<double?> Epochs { get; } = new("--epochs") { Description = "num_train_epochs over the prompts (1)." };
    public Option<int?> Seed { get; } = new("--seed") { Description = "seed (42)." };
    public Option<int?> LoggingSteps { get; } = new("--logging-steps") { Description = "logging_steps (10)." };
    public Option<int?> SaveSteps { get; } = new("--save-steps") { Description = "save_steps (500)." };
    public Option<int?> NumPpoEpochs { get; } = new("--num-ppo-epochs") { Description = "num_ppo_epochs (4)." };
    public Option<int?> NumMiniBatches { get; } = new("--num-mini-batches") { Description = "num_mini_batches (1)." };
    public Option<int?> TotalEpisodes { get; } = new("--total-episodes") { Description = "total_episodes." };
    public Option<int?> ResponseLength { get; } = new("--response-length") { Description = "response_length (53)." };
    public Option<double?> Temperature { get; } = new("--temperature") { Description = "temperature (0.7)." };
    public Option<double?> MissingEosPenalty { get; } = new("--missing-eos-penalty") { Description = "missing_eos_penalty (off)." };
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

    public IEnumerable<Option> All =>
    [
        Model, Reward, Prompts, Out, Config, ValueModel, Resume, ChatFormat, LearningRate, BatchSize, Accumulation, MaxSteps, Epochs,
        Seed, LoggingSteps, SaveSteps, NumPpoEpochs, NumMiniBatches, TotalEpisodes, ResponseLength, Temperature, MissingEosPenalty,
        KlCoef, KlEstimator, AdapKlCtrl, Target, Horizon, Cliprange, CliprangeValue, VfCoef, Gamma, Lam, WhitenRewards,
        NormalizationSamples, ForwardBatch,
    ];

    /// <summary>The flags given on the command line applied over <paramref name="o"/> (from YAML or defaults).</summary>
    public PpoOptions Apply(ParseResult p, PpoOptions o) => o with
    {
        LearningRate = p.GetValue(LearningRate) ?? o.LearningRate,
        PerDeviceTrainBatchSize = p.GetValue(BatchSize) ?? o.PerDeviceTrainBatchSize,
        GradientAccumulationSteps = p.GetValue(Accumulation) ?? o.GradientAccumulationSteps,
        MaxSteps = p.GetValue(MaxSteps) ?? o.MaxSteps,
        NumTrainEpochs = p.GetValue(Epochs) ?? o.NumTrainEpochs,
        Seed = p.GetValue(Seed) ?? o.Seed,
        LoggingSteps = p.GetValue(LoggingSteps) ?? o.LoggingSteps,
        SaveSteps = p.GetValue(SaveSteps) ?? o.SaveSteps,
        NumPpoEpochs = p.GetValue(NumPpoEpochs) ?? o.NumPpoEpochs,
        NumMiniBatches = p.GetValue(NumMiniBatches) ?? o.NumMiniBatches,
        TotalEpisodes = p.GetValue(TotalEpisodes) ?? o.TotalEpisodes,
        ResponseLength = p.GetValue(ResponseLength) ?? o.ResponseLength,
        Temperature = p.GetValue(Temperature) ?? o.Temperature,
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
    };

    static KlEstimator ParseEstimator(string text) => text.ToLowerInvariant() switch
    {
        "k1" => Train.Losses.KlEstimator.K1,
        "k3" => Train.Losses.KlEstimator.K3,
        _ => throw new CliException($"--kl-estimator: unknown value '{text}'; expected k1 or k3"),
    };
}
