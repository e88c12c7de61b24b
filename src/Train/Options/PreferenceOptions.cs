using Cai.Core.Options;

namespace Cai.Train.Options;

/// <summary>
/// What the offline preference trainers against a reference model share (DPO family, KTO), with the names and defaults
/// that TRL's <c>DPOConfig</c> and <c>KTOConfig</c> both use: <c>learning_rate</c> 1e-6, <c>beta</c> 0.1
/// and the sequence limits.
/// </summary>
public abstract record PreferenceOptions : TrainingOptions
{
    /// <summary>Sets TRL's overrides of the TrainingArguments defaults.</summary>
    protected PreferenceOptions()
    {
        LearningRate = 1e-6;
    }

    /// <summary>β, the strength of the implicit KL penalty towards the reference model (<c>beta</c>).</summary>
    /// <value>The default value is 0.1.</value>
    [Positive]
    public double Beta { get; init; } = 0.1;

    /// <summary>Maximum tokens of prompt plus completion; null means no limit (<c>max_length</c>).</summary>
    /// <value>The default value is 1024.</value>
    [Positive]
    public int? MaxLength { get; init; } = 1024;

    /// <summary>Maximum prompt tokens; null means no limit (<c>max_prompt_length</c>).</summary>
    /// <value>The default value is 512.</value>
    [Positive]
    public int? MaxPromptLength { get; init; } = 512;

    /// <summary>Maximum completion tokens; null means no limit (<c>max_completion_length</c>).</summary>
    /// <value>The default value is null.</value>
    [Positive]
    public int? MaxCompletionLength { get; init; }

    /// <summary>Score the whole dataset with the reference model once before training, then drop it (<c>precompute_ref_log_probs</c>).</summary>
    /// <value>The default value is false.</value>
    public bool PrecomputeRefLogProbs { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        SequenceLengths.Validate(MaxLength, MaxPromptLength);
    }
}
