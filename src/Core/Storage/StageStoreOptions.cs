namespace Cai.Core.Storage;

/// <summary>Durability settings of a <see cref="StageStore"/>.</summary>
public sealed record StageStoreOptions
{
    /// <summary>
    /// Whether each append is fsync'ed to the disk. Without it every line is handed to the OS before
    /// <see cref="StageStore.AppendAsync{T}"/> returns, which survives a killed process but not a power cut.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool Fsync { get; init; }
}
