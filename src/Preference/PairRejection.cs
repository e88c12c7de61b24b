namespace Cai.Preference;

/// <summary>Why a candidate pair was not written.</summary>
public enum PairRejection
{
    /// <summary>The revised row's final answer carries a quality flag (empty, identical, echoes the request).</summary>
    Flagged,

    /// <summary>Chosen or rejected is empty.</summary>
    Empty,

    /// <summary>Chosen and rejected are the same text.</summary>
    Identical,

    /// <summary>Chosen or rejected is longer than <see cref="PairFilterOptions.MaxLength"/>.</summary>
    TooLong,

    /// <summary>The same prompt, chosen and rejected were already written.</summary>
    Duplicate,

    /// <summary>The feedback label's confidence |p - 0.5| is below <see cref="FeedbackOptions.MinConfidence"/>.</summary>
    LowConfidence,

    /// <summary>A group had fewer than two samples to compare.</summary>
    TooFewSamples,
}
