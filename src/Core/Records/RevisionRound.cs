namespace Cai.Core.Records;

/// <summary>
/// One critique-then-revise step against one principle (Bai et al. 2022, section 3.1): the requests sent and the
/// critic's critique and revision. A round written by the critique stage alone has its revision fields pending (null)
/// until the revise stage fills them.
/// </summary>
public sealed record RevisionRound
{
    /// <summary>The principle applied.</summary>
    public required string PrincipleId { get; init; }

    /// <summary>The critique request as sent.</summary>
    public required string CritiqueRequest { get; init; }

    /// <summary>The critic's critique.</summary>
    public required string Critique { get; init; }

    /// <summary>
    /// False when the critic found nothing to fix (the rules judge's checks all passed), so the round keeps the text
    /// unchanged without asking the reviser; null when the critic does not say (a model critic).
    /// </summary>
    public bool? RevisionNeeded { get; init; }

    /// <summary>The revision request as sent; null while the revision is pending.</summary>
    public string? RevisionRequest { get; init; }

    /// <summary>The revised answer; null while the revision is pending.</summary>
    public string? Revision { get; init; }

    /// <summary>Quality problems found in this round's revision; null or empty when none.</summary>
    public IReadOnlyList<QualityFlag>? Flags { get; init; }

    /// <summary>True when the revision has not been written yet.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsPending => Revision is null;
}
