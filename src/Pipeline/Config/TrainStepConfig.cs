using System.Text.Json.Serialization;

namespace Cai.Pipeline.Config;

/// <summary>Which trainer a training step of a pipeline runs, and on which exported file.</summary>
public enum TrainStepKind
{
    /// <summary>DPO (or another loss of the DPO family chosen in the options file) on <c>pairs/train.jsonl</c>.</summary>
    Dpo,

    /// <summary>KTO on the unpaired rows in <c>pairs/train.kto.jsonl</c>.</summary>
    Kto,

    /// <summary>Supervised fine-tuning on SL-CAI's final revisions in <c>pairs/sft.jsonl</c>.</summary>
    Sft,

    /// <summary>A reward model (Bradley–Terry) on <c>pairs/train.jsonl</c>, from the chain's policy; later steps do not start from it.</summary>
    Reward,

    /// <summary>PPO on the run's prompts against a reward source (by default the chain's reward step): RL-CAI.</summary>
    Ppo,

    /// <summary>RLOO on the run's prompts against a reward source.</summary>
    Rloo,

    /// <summary>GRPO on the run's prompts against a reward source.</summary>
    Grpo,

    /// <summary>Online DPO on the run's prompts, chosen and rejected picked by a reward source or the pairwise judge.</summary>
    OnlineDpo,
}

/// <summary>Where an online step's reward comes from.</summary>
public enum TrainRewardKind
{
    /// <summary>The reward model trained by the chain's earlier <c>reward</c> step, or the folder in <see cref="TrainReward.Path"/>.</summary>
    RewardModel,

    /// <summary>The run's constitution's machine checks (minus the number of principles violated).</summary>
    Rules,

    /// <summary>The run's feedback model rating each response by a principle's question (pointwise, expected rating from log-probs).</summary>
    Judge,

    /// <summary>Online DPO only: the run's feedback model asked the principle's comparison question about each pair, in both orders.</summary>
    PairwiseJudge,
}

/// <summary>The reward of an online step: <c>reward: rules | judge | pairwise-judge | reward-model | &lt;reward-model folder&gt;</c>.</summary>
/// <param name="Kind">The source.</param>
/// <param name="Path">For <see cref="TrainRewardKind.RewardModel"/>: a folder written by <c>cai train reward</c>; null for the chain's reward step.</param>
public sealed record TrainReward(TrainRewardKind Kind, string? Path = null);

/// <summary>
/// One step of the <c>train:</c> section of a pipeline config: after the pairs are exported, <c>cai run</c> trains the
/// (local) policy on them, so one command goes from prompts to an aligned model. The section is one step (a mapping)
/// or a chain (a list), in which each step starts from the model the step before it trained, as the HF
/// constitutional-AI recipe runs SFT on the revisions and then DPO on the SFT model. A <c>reward</c> step trains a
/// reward model from that model without moving the chain on, so <c>[sft, reward, ppo]</c> runs PPO from the SFT model
/// against the reward model (RL-CAI); the online steps sample answers to the run's prompts.
/// </summary>
public sealed record TrainStepConfig
{
    /// <summary>The trainer.</summary>
    /// <value>The default value is <see cref="TrainStepKind.Dpo"/>.</value>
    public TrainStepKind Trainer { get; init; } = TrainStepKind.Dpo;

    /// <summary>A YAML file of TRL-named trainer options (beta, learning_rate, max_steps, ...), resolved against the config's folder.</summary>
    public string? OptionsFile { get; init; }

    /// <summary>Output folder of the trainer (metrics, plots, checkpoints, final model).</summary>
    /// <value>
    /// The default value is <c>&lt;run_dir&gt;/train</c> for a single step and <c>&lt;run_dir&gt;/train/&lt;trainer&gt;</c>
    /// for each step of a chain.
    /// </value>
    public string? Out { get; init; }

    /// <summary>The reward of an online step (ppo, rloo, grpo, online-dpo); unused by the offline trainers.</summary>
    /// <value>The default value is the chain's earlier reward step when there is one, else none (the step must name one).</value>
    public TrainReward? Reward { get; init; }

    /// <summary>Whether the step samples from the policy (ppo, rloo, grpo, online-dpo) rather than reading an export.</summary>
    public bool IsOnline => Reads is null;

    /// <summary>
    /// The export the step trains on (<see cref="Composition.RunExports.PathOf"/> names its files): SFT rows for sft,
    /// unpaired rows for kto, TRL pairs for dpo and reward; null for the online steps, which sample answers to the run's
    /// prompts.
    /// </summary>
    [JsonIgnore]
    public ExportFormat? Reads => Trainer switch
    {
        TrainStepKind.Sft => ExportFormat.Sft,
        TrainStepKind.Kto => ExportFormat.Kto,
        TrainStepKind.Dpo or TrainStepKind.Reward => ExportFormat.Jsonl,
        _ => null,
    };
}
