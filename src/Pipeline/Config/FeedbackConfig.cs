using Cai.Preference;

namespace Cai.Pipeline.Config;

/// <summary>How feedback pairs are labelled (Bai et al. 2022, section 4.1).</summary>
public sealed record FeedbackConfig
{
    /// <summary>Ask the comparison in both orders and average, cancelling position bias (the labeler supports only true).</summary>
    /// <value>The default value is true.</value>
    public bool BothOrders { get; init; } = true;

    /// <summary>Let the feedback model think step by step before answering; its probabilities are then clamped.</summary>
    /// <value>The default value is false.</value>
    public bool Cot { get; init; }

    /// <summary>Lower clamp of chain-of-thought probabilities.</summary>
    /// <value>The default value is 0.4.</value>
    public double ClampMin { get; init; } = 0.4;

    /// <summary>Upper clamp of chain-of-thought probabilities.</summary>
    /// <value>The default value is 0.6.</value>
    public double ClampMax { get; init; } = 0.6;

    /// <summary>Which samples of a prompt are compared: <c>adjacent</c> ((0, 1), (2, 3), ...) or <c>all</c> (every i &lt; j).</summary>
    /// <value>The default value is <see cref="FeedbackPairing.Adjacent"/>.</value>
    public FeedbackPairing Pairing { get; init; } = FeedbackPairing.Adjacent;

    /// <summary>Principles sampled per comparison; the label is their mean.</summary>
    /// <value>The default value is 1.</value>
    public int Ensemble { get; init; } = 1;

    /// <summary>Pairs whose label p has |p - 0.5| below this are dropped (and counted); ties at 0.5 always are when it is above 0.</summary>
    /// <value>The default value is 0.05.</value>
    public double MinConfidence { get; init; } = 0.05;
}
