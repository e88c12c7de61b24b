namespace Cai.Core.Storage;

/// <summary>What scanning a stage file found: the ids written, where the last good line ends, and the bad lines.</summary>
/// <param name="Ids">The distinct ids of the complete, valid lines.</param>
/// <param name="ValidLength">The byte length to keep: the end of the last complete, valid line.</param>
/// <param name="FileLength">The byte length found.</param>
/// <param name="DuplicateLines">Lines whose id was already seen.</param>
/// <param name="BadLines">Complete lines before the end that could not be read (kept in the file, not counted).</param>
/// <param name="MissingNewline">The last line is a complete, valid record that only lacks its newline.</param>
internal sealed record StageFileScan(
    HashSet<string> Ids, long ValidLength, long FileLength, int DuplicateLines, IReadOnlyList<JsonlDiagnostic> BadLines,
    bool MissingNewline = false)
{
    /// <summary>Bytes after <see cref="ValidLength"/>: a line torn by a crash.</summary>
    public long TornBytes => FileLength - ValidLength;
}
