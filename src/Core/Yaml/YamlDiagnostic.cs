namespace Cai.Core.Yaml;

/// <summary>One problem in a YAML file (constitution, pipeline config, training config) at the offending node.</summary>
/// <param name="File">The file as given, or <c>--set key=value</c> for a value a command-line override put in.</param>
/// <param name="Line">1-based line of the offending node.</param>
/// <param name="Column">1-based column of the offending node.</param>
/// <param name="Message">What is wrong, starting with the field path, e.g. "principles[2].weight: must be a number >= 0, got '-1'".</param>
/// <param name="Field">The field path, e.g. "principles[2].weight"; empty for problems of the whole file.</param>
public sealed record YamlDiagnostic(string File, int Line, int Column, string Message, string Field = "")
{
    /// <summary>Formats the diagnostic as <c>file:line:column: message</c>, the form editors and CI understand.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
