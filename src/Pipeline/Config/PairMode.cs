namespace Cai.Pipeline.Config;

/// <summary>How preference pairs are made.</summary>
public enum PairMode
{
    /// <summary>SL-CAI: chosen = the final revision, rejected = the initial response.</summary>
    Revision,

    /// <summary>RL-CAI: two samples of a prompt compared by the feedback model (or the rules judge).</summary>
    Feedback,
}
