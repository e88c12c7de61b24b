namespace Cai.Core.Records;

/// <summary>How a preference pair was labelled. Serialised as <c>revision|feedback</c>.</summary>
public enum PreferenceSource
{
    /// <summary>SL-CAI: the revision is chosen over the original answer.</summary>
    Revision,

    /// <summary>RL-CAI: a feedback model compared two answers against a principle.</summary>
    Feedback,
}
