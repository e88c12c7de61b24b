namespace Cai.Pipeline.Config;

/// <summary>Which pairs are dropped before export (pairs with an empty answer, or the same text chosen and rejected, always are).</summary>
public sealed record FilterConfig
{
    /// <summary>Drop pairs repeating an earlier (prompt, chosen, rejected).</summary>
    /// <value>The default value is true.</value>
    public bool DropDuplicates { get; init; } = true;

    /// <summary>Drop pairs with an answer longer than this many characters; null keeps all.</summary>
    /// <value>The default value is null.</value>
    public int? MaxLength { get; init; }
}
