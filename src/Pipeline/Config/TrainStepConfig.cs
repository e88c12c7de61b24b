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
}

/// <summary>
/// One step of the <c>train:</c> section of a pipeline config: after the pairs are exported, <c>cai run</c> trains the
/// (local) policy on them, so one command goes from prompts to an aligned model. The section is one step (a mapping)
/// or a chain (a list), in which each step starts from the model the step before it trained, as the HF
/// constitutional-AI recipe runs SFT on the revisions and then DPO on the SFT model.
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
}
