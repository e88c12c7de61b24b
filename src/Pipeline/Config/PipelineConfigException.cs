using Cai.Core.Yaml;

namespace Cai.Pipeline.Config;

/// <summary>A pipeline config file is invalid; the message lists every problem as <c>file:line:column: message</c>.</summary>
public sealed class PipelineConfigException(IReadOnlyList<YamlDiagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString())))
{
    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<YamlDiagnostic> Diagnostics { get; } = diagnostics;
}
