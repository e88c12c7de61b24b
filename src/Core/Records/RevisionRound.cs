namespace Cai.Core.Records;

/// <summary>
/// One critique-then-revise step against one principle (Bai et al. 2022, section 3.1): the requests sent and the
/// critic's critique and revision.
/// </summary>
public sealed record RevisionRound
{
    /// <summary>The principle applied.</summary>
    public required string PrincipleId { get; init; }

    /// <summary>The critique request as sent.</summary>
    public required string CritiqueRequest { get; init; }

    /// <summary>The critic's critique.</summary>
    public required string Critique { get; init; }

    /// <summary>The revision request as sent.</summary>
    public required string RevisionRequest { get; init; }

    /// <summary>The revised answer.</summary>
    public required string Revision { get; init; }
}
