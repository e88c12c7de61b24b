namespace Cai.Pipeline.Config;

/// <summary>One problem in a pipeline config file, at the line and column of the offending node.</summary>
/// <param name="File">The config file as given.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong, starting with the field path, e.g. <c>generate.samples_per_prompt: must be an integer >= 1, got '0'</c>.</param>
public sealed record ConfigDiagnostic(string File, int Line, int Column, string Message)
{
    /// <summary>Formats the diagnostic as <c>file:line:column: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
