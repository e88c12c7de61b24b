namespace Cai.Preference;

/// <summary>Options of <see cref="RevisionPairBuilder"/>.</summary>
public sealed record RevisionPairOptions
{
    /// <summary>The 0-based round whose revision is chosen; null takes the final answer.</summary>
    /// <value>The default value is null.</value>
    public int? Round { get; init; }

    /// <summary>Whether a row whose final answer carries a quality flag is dropped.</summary>
    /// <value>The default value is true.</value>
    public bool ExcludeFlagged { get; init; } = true;
}
