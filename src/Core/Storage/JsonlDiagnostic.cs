namespace Cai.Core.Storage;

/// <summary>A line of a JSONL file that could not be read, formatted as <c>path:line: reason (field 'x')</c>.</summary>
/// <param name="Path">The file.</param>
/// <param name="LineNumber">The 1-based line number.</param>
/// <param name="Reason">What is wrong.</param>
/// <param name="Field">The offending field (<c>messages[0].role</c>), or null when the line as a whole is bad.</param>
public sealed record JsonlDiagnostic(string Path, int LineNumber, string Reason, string? Field)
{
    /// <inheritdoc />
    public override string ToString() =>
        Field is null or "$" ? $"{Path}:{LineNumber}: {Reason}" : $"{Path}:{LineNumber}: {Reason} (field '{Field}')";
}
