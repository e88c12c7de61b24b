using Cai.Core.Options;
using static System.FormattableString;

namespace Cai.Train.Options;

/// <summary>
/// Options of the online DPO trainer, named after TRL's <c>OnlineDPOConfig</c>. Overrides TrainingArguments' defaults as
/// TRL does: <c>learning_rate</c> 5e-7, <c>temperature</c> 0.9.
/// </summary>
public sealed record OnlineDpoOptions : OnlineOptions
{
    /// <summary>Creates online DPO options with TRL's defaults.</summary>
    public OnlineDpoOptions()
    {
        LearningRate = 5e-7;
        Temperature = 0.9;
    }

    /// <summary>β, the strength of the implicit KL penalty towards the reference model (<c>beta</c>).</summary>
    /// <value>The default value is 0.1.</value>
    [Positive]
    public double Beta { get; init; } = 0.1;

    /// <summary>The preference loss (<c>loss_type</c>): <see cref="DpoLossType.Sigmoid"/> or <see cref="DpoLossType.Ipo"/>.</summary>
    /// <value>The default value is <see cref="DpoLossType.Sigmoid"/>.</value>
    public DpoLossType LossType { get; init; } = DpoLossType.Sigmoid;

    /// <summary>Subtracted from the score of a completion that never emitted EOS; null for none (<c>missing_eos_penalty</c>).</summary>
    /// <value>The default value is null.</value>
    [NonNegative]
    public double? MissingEosPenalty { get; init; }

    /// <summary>Maximum tokens generated per completion (<c>max_new_tokens</c>).</summary>
    /// <value>The default value is 64.</value>
    [Positive]
    public int MaxNewTokens { get; init; } = 64;

    /// <summary>Maximum tokens of prompt plus completion; the prompt is cut from the left to fit (<c>max_length</c>).</summary>
    /// <value>The default value is 512.</value>
    [Positive]
    public int MaxLength { get; init; } = 512;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (LossType is not (DpoLossType.Sigmoid or DpoLossType.Ipo))
        {
            throw new ArgumentException(Invariant($"loss_type must be sigmoid or ipo for online DPO (got {LossType})"), "loss_type");
        }

        if (MaxNewTokens >= MaxLength)
        {
            throw new ArgumentException(Invariant($"max_new_tokens must be < max_length (got {MaxNewTokens} >= {MaxLength})"), "max_new_tokens");
        }
    }
}
