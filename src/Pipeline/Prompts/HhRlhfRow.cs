namespace Cai.Pipeline.Prompts;

/// <summary>One row of an HH-RLHF-style file; only <c>chosen</c> is read.</summary>
sealed record HhRlhfRow
{
    /// <summary>The preferred transcript, <c>"\n\nHuman: ...\n\nAssistant: ..."</c>.</summary>
    public required string Chosen { get; init; }
}
