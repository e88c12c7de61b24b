namespace Cai.Pipeline.Config;

/// <summary>A pipeline config file is invalid; the message lists every problem as <c>file:line:column: message</c>.</summary>
public sealed class PipelineConfigException(IReadOnlyList<ConfigDiagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString())))
{
    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; } = diagnostics;
}
