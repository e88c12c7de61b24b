namespace Cai.Preference;

/// <summary>Options of AI-feedback labelling (<see cref="FeedbackLabeler"/>, <see cref="FeedbackPairBuilder"/>).</summary>
public sealed record FeedbackOptions
{
    /// <summary>Principles sampled per pair; the label is the average of their labels (an ensemble).</summary>
    /// <value>The default value is 1.</value>
    public int EnsembleSize { get; init; } = 1;

    /// <summary>Which samples of a prompt are compared.</summary>
    /// <value>The default value is <see cref="FeedbackPairing.Adjacent"/>.</value>
    public FeedbackPairing Pairing { get; init; } = FeedbackPairing.Adjacent;

    /// <summary>Pairs whose confidence |p - 0.5| is below this are dropped (ties at 0.5 always are when it is above 0).</summary>
    /// <value>The default value is 0.05.</value>
    public double ConfidenceThreshold { get; init; } = 0.05;

    /// <summary>Whether the feedback model reasons step by step before answering (Bai et al. 2022, section 4.1).</summary>
    /// <value>The default value is false.</value>
    public bool ChainOfThought { get; init; }

    /// <summary>The lower clamp of each chain-of-thought answer probability; CoT answers are overconfident.</summary>
    /// <value>The default value is 0.4.</value>
    public double CotClampMin { get; init; } = 0.4;

    /// <summary>The upper clamp of each chain-of-thought answer probability.</summary>
    /// <value>The default value is 0.6.</value>
    public double CotClampMax { get; init; } = 0.6;

    /// <summary>How many first-token log-probs to ask the model for.</summary>
    /// <value>The default value is 5.</value>
    public int TopLogProbs { get; init; } = 5;

    /// <summary>Throws when an option is out of range, naming it.</summary>
    public void Validate()
    {
        if (EnsembleSize < 1)
            throw new ArgumentOutOfRangeException(nameof(EnsembleSize), EnsembleSize, "FeedbackOptions.EnsembleSize must be at least 1.");
        if (ConfidenceThreshold is < 0 or > 0.5 or double.NaN)
            throw new ArgumentOutOfRangeException(nameof(ConfidenceThreshold), ConfidenceThreshold, "FeedbackOptions.ConfidenceThreshold must be between 0 and 0.5.");
        if (CotClampMin is < 0 or > 1 or double.NaN || CotClampMax is < 0 or > 1 or double.NaN || CotClampMin > CotClampMax)
            throw new ArgumentOutOfRangeException(nameof(CotClampMin), $"[{CotClampMin}, {CotClampMax}]",
                "FeedbackOptions.CotClampMin and CotClampMax must satisfy 0 <= min <= max <= 1.");
        if (!Enum.IsDefined(Pairing))
            throw new ArgumentOutOfRangeException(nameof(Pairing), Pairing, "FeedbackOptions.Pairing must be Adjacent or All.");
        if (TopLogProbs < 2)
            throw new ArgumentOutOfRangeException(nameof(TopLogProbs), TopLogProbs, "FeedbackOptions.TopLogProbs must be at least 2.");
    }
}
