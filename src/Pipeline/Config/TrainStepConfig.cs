namespace Cai.Pipeline.Config;

/// <summary>Which trainer the optional training step of a pipeline runs on its exported pairs.</summary>
public enum TrainStepKind
{
    /// <summary>DPO (or another loss of the DPO family chosen in the options file) on <c>pairs/train.jsonl</c>.</summary>
    Dpo,

    /// <summary>KTO on the unpaired rows in <c>pairs/train.kto.jsonl</c>.</summary>
    Kto,
}

/// <summary>
/// The <c>train:</c> section of a pipeline config: after the pairs are exported, <c>cai run</c> trains the (local)
/// policy on them, so one command goes from prompts to an aligned model.
/// </summary>
public sealed record TrainStepConfig
{
    /// <summary>The trainer.</summary>
    /// <value>The default value is <see cref="TrainStepKind.Dpo"/>.</value>
    public TrainStepKind Trainer { get; init; } = TrainStepKind.Dpo;

    /// <summary>A YAML file of TRL-named trainer options (beta, learning_rate, max_steps, ...), resolved against the config's folder.</summary>
    public string? OptionsFile { get; init; }

    /// <summary>Output folder of the trainer (metrics, plots, checkpoints, final model).</summary>
    /// <value>The default value is <c>&lt;run_dir&gt;/train</c>.</value>
    public string? Out { get; init; }
}
