using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;
using static System.FormattableString;

namespace Cai.Train.Options;

/// <summary>
/// What the critic-free trainers that sample a group of completions per prompt share, with the names and defaults that
/// TRL's <c>GRPOConfig</c> and <c>RLOOConfig</c> both use (<c>learning_rate</c> 1e-6). The
/// generation batch is <c>per_device_train_batch_size</c> × <c>gradient_accumulation_steps</c> completions, as in TRL when
/// <c>steps_per_generation</c> is left at its default.
/// </summary>
public abstract record GroupRolloutOptions : OnlineOptions
{
    /// <summary>Sets TRL's overrides of the TrainingArguments defaults.</summary>
    protected GroupRolloutOptions()
    {
        LearningRate = 1e-6;
    }

    /// <summary>Completions sampled per prompt (<c>num_generations</c>); must divide the generation batch.</summary>
    /// <value>The default value is 8 for GRPO and 2 for RLOO.</value>
    [Range(2, int.MaxValue)]
    public int NumGenerations { get; init; } = 8;

    /// <summary>Weight of the KL to the reference (<c>beta</c>); 0 means no reference model is loaded.</summary>
    /// <value>The default value is 0 for GRPO and 0.05 for RLOO.</value>
    [NonNegative]
    public double Beta { get; init; }

    /// <summary>Lower clip range of the importance ratio (<c>epsilon</c>).</summary>
    /// <value>The default value is 0.2.</value>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Epsilon { get; init; } = 0.2;

    /// <summary>Upper clip range; null means <see cref="Epsilon"/> (<c>epsilon_high</c>; DAPO's clip-higher uses 0.28).</summary>
    /// <value>The default value is null.</value>
    [NonNegative]
    public double? EpsilonHigh { get; init; }

    /// <summary>Optimisation passes over each generation batch (<c>num_iterations</c>, μ in the GRPO paper).</summary>
    /// <value>The default value is 1.</value>
    [Positive]
    public int NumIterations { get; init; } = 1;

    /// <summary>Maximum prompt tokens, keeping the end of longer prompts; null means no limit (<c>max_prompt_length</c>).</summary>
    /// <value>The default value is 512.</value>
    [Positive]
    public int? MaxPromptLength { get; init; } = 512;

    /// <summary>Maximum tokens generated per completion (<c>max_completion_length</c>).</summary>
    /// <value>The default value is 256.</value>
    [Positive]
    public int MaxCompletionLength { get; init; } = 256;

    /// <summary>Nucleus sampling mass (<c>top_p</c>).</summary>
    /// <value>The default value is 1.0.</value>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double TopP { get; init; } = 1.0;

    /// <summary>Sample only among the k likeliest tokens; null means all (<c>top_k</c>).</summary>
    /// <value>The default value is null.</value>
    [Positive]
    public int? TopK { get; init; }

    /// <summary>Exclude completions cut off at <see cref="MaxCompletionLength"/> from the loss (<c>mask_truncated_completions</c>).</summary>
    /// <value>The default value is false.</value>
    public bool MaskTruncatedCompletions { get; init; }

    /// <summary>The upper clip range in effect: <see cref="EpsilonHigh"/>, or <see cref="Epsilon"/> when it is null.</summary>
    public double EffectiveEpsilonHigh => EpsilonHigh ?? Epsilon;

    /// <summary>Completions per generation batch: <c>per_device_train_batch_size</c> × <c>gradient_accumulation_steps</c>.</summary>
    public int GenerationBatchSize => PerDeviceTrainBatchSize * GradientAccumulationSteps;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (GenerationBatchSize % NumGenerations != 0)
        {
            throw new ArgumentException(
                Invariant($"num_generations must divide the generation batch per_device_train_batch_size x gradient_accumulation_steps (got {NumGenerations} and {GenerationBatchSize})"),
                "num_generations");
        }
    }
}
