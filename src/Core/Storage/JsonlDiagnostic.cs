namespace Cai.Core.Storage;

/// <summary>A line of a JSONL file that could not be read, formatted as <c>path:line: reason (field 'x')</c>.</summary>
/// <param name="Path">The file.</param>
/// <param name="LineNumber">The 1-based line number.</param>
/// <param name="Reason">What is wrong.</param>
/// <param name="Field">The offending field (<c>messages[0].role</c>), or null when the line as a whole is bad.</param>
/// <param name="Column">The 1-based column, when known (an invalid UTF-8 byte).</param>
public sealed record JsonlDiagnostic(string Path, int LineNumber, string Reason, string? Field, int? Column = null)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Column is { } column ? $"{Path}:{LineNumber}:{column}" : $"{Path}:{LineNumber}";
        return Field is null or "$" ? $"{where}: {Reason}" : $"{where}: {Reason} (field '{Field}')";
    }
}
