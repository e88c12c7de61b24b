using Cai.Train.Options;

namespace Cai.Cli.Commands;

/// <summary>
/// One training run as <c>cai train</c> and the <c>train:</c> step of <c>cai run</c> both ask for it: the trainer's
/// resolved options (a <see cref="DpoOptions"/>, <see cref="KtoOptions"/>, <see cref="SftOptions"/>,
/// <see cref="RewardOptions"/>, or for the online trainers <see cref="PpoOptions"/>, <see cref="RlooOptions"/>,
/// <see cref="GrpoOptions"/> or <see cref="OnlineDpoOptions"/>, which also picks the trainer), the model, the data
/// (for the online trainers: the prompts the rollouts answer) and where the run goes.
/// </summary>
internal sealed record TrainRequest
{
    /// <summary>The trainer's options: YAML file, then flags, already applied.</summary>
    public required TrainingOptions Options { get; init; }

    /// <summary>The model to start from: a llama2.c <c>.bin</c>, an HF folder or an <c>hf://</c> id.</summary>
    public required string Model { get; init; }

    /// <summary>The training file (.jsonl or .jsonl.gz); for the online trainers the prompts file.</summary>
    public required string Data { get; init; }

    /// <summary>The output folder (metrics, plots, checkpoints, final model).</summary>
    public required string Out { get; init; }

    /// <summary>A held-out file to evaluate on (a run's <c>pairs/test.jsonl</c>); when set, the data is not split.</summary>
    public string? EvalData { get; init; }

    /// <summary>The fraction of the data's prompts held out for evaluation when there is no <see cref="EvalData"/>.</summary>
    /// <value>The default value is 0.1.</value>
    public double EvalSplit { get; init; } = 0.1;

    /// <summary>Continue from the latest checkpoint in <see cref="Out"/> (unless the data changed since).</summary>
    public bool Resume { get; init; }

    /// <summary>
    /// The chat format prompts are rendered in (plain, chatml, llama2, llama3, zephyr); null uses the model's own, the
    /// one its chat_template names (plain for llama2.c files), which is also what a local policy generates with.
    /// </summary>
    public string? ChatFormat { get; init; }

    /// <summary>
    /// The data hash of the step this one continues from (a chain's earlier step), folded into this step's hash: when
    /// the earlier step trained on other data, this step's checkpoints are stale too.
    /// </summary>
    public string? UpstreamDataHash { get; init; }

    /// <summary>Online trainers: the reward sources, summed (<c>--reward</c> syntax: a reward-model folder, <c>rules:&lt;yaml&gt;</c>, <c>judge:&lt;model&gt;</c> ...).</summary>
    public IReadOnlyList<string> Rewards { get; init; } = [];

    /// <summary>Online trainers: the constitution whose principles a judge reward asks about; null when none is given.</summary>
    public string? Constitution { get; init; }

    /// <summary>PPO: the value model; null means the reward model among <see cref="Rewards"/>, else the policy.</summary>
    public string? ValueModel { get; init; }

    /// <summary>Whether the trainer samples from the policy (PPO, RLOO, GRPO, online DPO) instead of reading a dataset.</summary>
    public bool IsOnline => Options is OnlineOptions;

    /// <summary>The trainer's name: sft, reward, dpo, kto, ppo, rloo, grpo or online-dpo.</summary>
    public string Trainer => Options switch
    {
        DpoOptions => "dpo",
        KtoOptions => "kto",
        SftOptions => "sft",
        RewardOptions => "reward",
        PpoOptions => "ppo",
        RlooOptions => "rloo",
        GrpoOptions => "grpo",
        OnlineDpoOptions => "online-dpo",
        _ => throw new InvalidOperationException($"no trainer takes {Options.GetType().Name}"),
    };
}

/// <summary>What a training run used and produced: the chat format, the data hash its checkpoints carry, and the model folder.</summary>
/// <param name="ChatFormat">The chat format name the data was rendered in.</param>
/// <param name="DataHash">The data hash recorded in its checkpoints.</param>
/// <param name="ModelDir">The folder of the trained model.</param>
internal sealed record TrainResult(string ChatFormat, string DataHash, string ModelDir);
