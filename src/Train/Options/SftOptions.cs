using Cai.Core.Options;

namespace Cai.Train.Options;

/// <summary>
/// Options of the supervised fine-tuning trainer, named after TRL's <c>SFTConfig</c>. Overrides TrainingArguments'
/// defaults as recent TRL releases do: <c>learning_rate</c> 2e-5.
/// </summary>
public sealed record SftOptions : TrainingOptions
{
    /// <summary>Creates SFT options with TRL's defaults.</summary>
    public SftOptions()
    {
        LearningRate = 2e-5;
    }

    /// <summary>Maximum tokens per sequence; longer ones are truncated, null means no limit (<c>max_length</c>).</summary>
    /// <value>The default value is 1024.</value>
    [Positive]
    public int? MaxLength { get; init; } = 1024;

    /// <summary>
    /// Train only on completion tokens of prompt–completion data (<c>completion_only_loss</c>); null means yes for
    /// prompt–completion datasets, as in TRL.
    /// </summary>
    /// <value>The default value is null.</value>
    public bool? CompletionOnlyLoss { get; init; }

    /// <summary>Train only on the assistant's turns of conversational data (<c>assistant_only_loss</c>).</summary>
    /// <value>The default value is false.</value>
    public bool AssistantOnlyLoss { get; init; }

    /// <summary>Pack several short examples into one sequence of <see cref="MaxLength"/> tokens (<c>packing</c>).</summary>
    /// <value>The default value is false.</value>
    public bool Packing { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Packing && MaxLength is null)
        {
            throw new ArgumentException("max_length must be set when packing is true", "max_length");
        }
    }
}
