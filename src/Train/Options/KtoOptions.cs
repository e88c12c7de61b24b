namespace Cai.Train.Options;

/// <summary>
/// Options of the KTO trainer, named after TRL's <c>KTOConfig</c>. Overrides TrainingArguments' defaults as TRL does:
/// <c>learning_rate</c> 1e-6 and <c>logging_steps</c> 10 (recent TRL releases; older ones differed).
/// </summary>
public sealed record KtoOptions : TrainingOptions
{
    /// <summary>Creates KTO options with TRL's defaults.</summary>
    public KtoOptions()
    {
        LearningRate = 1e-6;
        LoggingSteps = 10;
    }

    /// <summary>β, the strength of the implicit KL penalty (<c>beta</c>).</summary>
    /// <value>The default value is 0.1.</value>
    public double Beta { get; init; } = 0.1;

    /// <summary>λ_D, the weight of desirable examples' losses (<c>desirable_weight</c>).</summary>
    /// <value>The default value is 1.0.</value>
    public double DesirableWeight { get; init; } = 1.0;

    /// <summary>λ_U, the weight of undesirable examples' losses (<c>undesirable_weight</c>).</summary>
    /// <value>The default value is 1.0.</value>
    public double UndesirableWeight { get; init; } = 1.0;

    /// <summary>Maximum tokens of prompt plus completion; null means no limit (<c>max_length</c>).</summary>
    /// <value>The default value is 1024.</value>
    public int? MaxLength { get; init; } = 1024;

    /// <summary>Maximum prompt tokens; null means no limit (<c>max_prompt_length</c>).</summary>
    /// <value>The default value is 512.</value>
    public int? MaxPromptLength { get; init; } = 512;

    /// <summary>Maximum completion tokens; null means no limit (<c>max_completion_length</c>).</summary>
    /// <value>The default value is null.</value>
    public int? MaxCompletionLength { get; init; }

    /// <summary>Score the dataset with the reference model once before training (<c>precompute_ref_log_probs</c>).</summary>
    /// <value>The default value is false.</value>
    public bool PrecomputeRefLogProbs { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        OptionGuard.Positive(Beta, "beta");
        OptionGuard.Positive(DesirableWeight, "desirable_weight");
        OptionGuard.Positive(UndesirableWeight, "undesirable_weight");
        SequenceLengths.Validate(MaxLength, MaxPromptLength, MaxCompletionLength);
    }
}
