using static System.FormattableString;
using Cai.Train.Losses;

namespace Cai.Train.Options;

/// <summary>
/// Options of the DPO-family trainer, named after TRL's <c>DPOConfig</c> (and <c>CPOConfig</c>'s <c>simpo_gamma</c>).
/// Overrides TrainingArguments' defaults as TRL does: <c>learning_rate</c> 1e-6 and <c>logging_steps</c> 10.
/// </summary>
public sealed record DpoOptions : TrainingOptions
{
    /// <summary>Creates DPO options with TRL's defaults.</summary>
    public DpoOptions()
    {
        LearningRate = 1e-6;
        LoggingSteps = 10;
    }

    /// <summary>β, the strength of the implicit KL penalty towards the reference model (<c>beta</c>).</summary>
    /// <value>The default value is 0.1.</value>
    public double Beta { get; init; } = 0.1;

    /// <summary>
    /// Which preference loss to minimise (<c>loss_type</c>). <see cref="DpoLossType.SoftLabel"/> trains on each pair's
    /// <c>label_prob</c> instead of a hard label.
    /// </summary>
    /// <value>The default value is <see cref="DpoLossType.Sigmoid"/>.</value>
    public DpoLossType LossType { get; init; } = DpoLossType.Sigmoid;

    /// <summary>ε, the assumed probability that a preference label is flipped, for cDPO, robust DPO and SimPO (<c>label_smoothing</c>).</summary>
    /// <value>The default value is 0.</value>
    public double LabelSmoothing { get; init; }

    /// <summary>γ, SimPO's target reward margin (<c>simpo_gamma</c>, from TRL's <c>CPOConfig</c>).</summary>
    /// <value>The default value is 0.5.</value>
    public double SimpoGamma { get; init; } = 0.5;

    /// <summary>Maximum tokens of prompt plus completion; null means no limit (<c>max_length</c>).</summary>
    /// <value>The default value is 1024.</value>
    public int? MaxLength { get; init; } = 1024;

    /// <summary>Maximum prompt tokens; null means no limit (<c>max_prompt_length</c>).</summary>
    /// <value>The default value is 512.</value>
    public int? MaxPromptLength { get; init; } = 512;

    /// <summary>Maximum completion tokens; null means no limit (<c>max_completion_length</c>).</summary>
    /// <value>The default value is null.</value>
    public int? MaxCompletionLength { get; init; }

    /// <summary>Which end of an over-long prompt to keep (<c>truncation_mode</c>).</summary>
    /// <value>The default value is <see cref="Options.TruncationMode.KeepEnd"/>.</value>
    public TruncationMode TruncationMode { get; init; } = TruncationMode.KeepEnd;

    /// <summary>Score the whole dataset with the reference model once before training, then drop it (<c>precompute_ref_log_probs</c>).</summary>
    /// <value>The default value is false.</value>
    public bool PrecomputeRefLogProbs { get; init; }

    /// <summary>Ignore the reference model and use a uniform one, i.e. a reference log-ratio of 0 (<c>reference_free</c>).</summary>
    /// <value>The default value is false.</value>
    public bool ReferenceFree { get; init; }

    /// <summary>The loss hyper-parameters for <see cref="DpoLoss.Compute"/>.</summary>
    public DpoLossParameters ToLossParameters() => new(Beta, LabelSmoothing, SimpoGamma, ReferenceFree);

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        OptionGuard.Positive(Beta, "beta");
        OptionGuard.Defined(LossType, "loss_type");
        OptionGuard.InRange(LabelSmoothing, 0.0, 0.5, "label_smoothing");
        if (!double.IsFinite(SimpoGamma))
        {
            throw new ArgumentException(Invariant($"simpo_gamma must be finite (got {SimpoGamma})"), "simpo_gamma");
        }

        SequenceLengths.Validate(MaxLength, MaxPromptLength, MaxCompletionLength);
        OptionGuard.Defined(TruncationMode, "truncation_mode");
    }
}
