using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;
using Cai.Core.Yaml;

namespace Cai.Preference;

/// <summary>
/// Options of AI-feedback labelling (Bai et al. 2022, section 4.1; <see cref="FeedbackLabeler"/>,
/// <see cref="FeedbackPairBuilder"/>), bound from a pipeline config's <c>pairs.feedback</c> under the same names.
/// </summary>
public sealed record FeedbackOptions : OptionsRecord
{
    /// <summary>Ask the comparison in both orders and average, cancelling position bias (the labeler supports only true).</summary>
    /// <value>The default value is true.</value>
    public bool BothOrders { get; init; } = true;

    /// <summary>Whether the feedback model reasons step by step before answering; its probabilities are then clamped.</summary>
    /// <value>The default value is false.</value>
    public bool Cot { get; init; }

    /// <summary>
    /// The interval each chain-of-thought answer probability is clamped to, written <c>[low, high]</c>; CoT answers are
    /// overconfident.
    /// </summary>
    /// <value>The default value is [0.4, 0.6].</value>
    [Range(0.0, 1.0)]
    public Interval Clamp { get; init; } = new(0.4, 0.6);

    /// <summary>Which samples of a prompt are compared: <c>adjacent</c> ((0, 1), (2, 3), ...) or <c>all</c> (every i &lt; j).</summary>
    /// <value>The default value is <see cref="FeedbackPairing.Adjacent"/>.</value>
    public FeedbackPairing Pairing { get; init; } = FeedbackPairing.Adjacent;

    /// <summary>Principles sampled per pair; the label is the average of their labels (an ensemble).</summary>
    /// <value>The default value is 1.</value>
    [Range(1, ConfigLimits.Ensemble)]
    public int Ensemble { get; init; } = 1;

    /// <summary>Pairs whose confidence |p - 0.5| is below this are dropped and counted (ties at 0.5 always are when it is above 0).</summary>
    /// <value>The default value is 0.05.</value>
    [Range(0.0, 0.5)]
    public double MinConfidence { get; init; } = 0.05;

    /// <summary>How many first-token log-probs to ask the model for.</summary>
    /// <value>The default value is 5.</value>
    [Range(2, int.MaxValue), BindNever]
    public int TopLogProbs { get; init; } = 5;

    /// <summary>Throws when an option is out of range, naming it.</summary>
    public override void Validate()
    {
        base.Validate();
        if (!Enum.IsDefined(Pairing))
            throw new ArgumentOutOfRangeException(nameof(Pairing), Pairing, "FeedbackOptions.Pairing must be Adjacent or All.");
    }
}
