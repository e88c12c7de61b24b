namespace Cai.Pipeline.Config;

/// <summary>Which pairs are dropped before export.</summary>
public sealed record FilterConfig
{
    /// <summary>Drop pairs with an empty chosen or rejected answer.</summary>
    /// <value>The default value is true.</value>
    public bool DropEmpty { get; init; } = true;

    /// <summary>Drop pairs whose chosen and rejected answers are the same text.</summary>
    /// <value>The default value is true.</value>
    public bool DropIdentical { get; init; } = true;

    /// <summary>Drop pairs repeating an earlier (prompt, chosen, rejected).</summary>
    /// <value>The default value is true.</value>
    public bool DropDuplicates { get; init; } = true;

    /// <summary>Drop pairs with an answer longer than this many characters; null keeps all.</summary>
    /// <value>The default value is null.</value>
    public int? MaxLength { get; init; }
}
