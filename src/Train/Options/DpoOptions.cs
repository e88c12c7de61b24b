using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;
using static System.FormattableString;

namespace Cai.Train.Options;

/// <summary>
/// Options of the DPO-family trainer, named after TRL's <c>DPOConfig</c> (and <c>CPOConfig</c>'s <c>simpo_gamma</c>);
/// β, the sequence limits and TRL's overrides of TrainingArguments' defaults come from <see cref="PreferenceOptions"/>.
/// </summary>
public sealed record DpoOptions : PreferenceOptions
{
    /// <summary>
    /// Which preference loss to minimise (<c>loss_type</c>). <see cref="DpoLossType.SoftLabel"/> trains on each pair's
    /// <c>label_prob</c> instead of a hard label.
    /// </summary>
    /// <value>The default value is <see cref="DpoLossType.Sigmoid"/>.</value>
    public DpoLossType LossType { get; init; } = DpoLossType.Sigmoid;

    /// <summary>ε, the assumed probability that a preference label is flipped, for cDPO, robust DPO and SimPO (<c>label_smoothing</c>).</summary>
    /// <value>The default value is 0.</value>
    [Range(0.0, 0.5, MaximumIsExclusive = true)]
    public double LabelSmoothing { get; init; }

    /// <summary>γ, SimPO's target reward margin (<c>simpo_gamma</c>, from TRL's <c>CPOConfig</c>).</summary>
    /// <value>The default value is 0.5.</value>
    public double SimpoGamma { get; init; } = 0.5;

    /// <summary>Which end of an over-long prompt to keep (<c>truncation_mode</c>).</summary>
    /// <value>The default value is <see cref="Options.TruncationMode.KeepEnd"/>.</value>
    public TruncationMode TruncationMode { get; init; } = TruncationMode.KeepEnd;

    /// <summary>Ignore the reference model and use a uniform one, i.e. a reference log-ratio of 0 (<c>reference_free</c>).</summary>
    /// <value>The default value is false.</value>
    public bool ReferenceFree { get; init; }

    /// <summary>The loss hyper-parameters for <see cref="DpoLoss.Compute"/>.</summary>
    public DpoLossParameters ToLossParameters() => new(Beta, LabelSmoothing, SimpoGamma, ReferenceFree);

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (!double.IsFinite(SimpoGamma))
        {
            throw new ArgumentException(Invariant($"simpo_gamma must be finite (got {SimpoGamma})"), "simpo_gamma");
        }
    }
}
