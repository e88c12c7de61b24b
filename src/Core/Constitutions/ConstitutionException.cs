using Cai.Core.Yaml;

namespace Cai.Core.Constitutions;

/// <summary>A constitution file or import source is invalid; the message lists every problem, one per line.</summary>
public sealed class ConstitutionException : Exception
{
    /// <summary>Creates the exception from the diagnostics of a failed load.</summary>
    public ConstitutionException(string file, IReadOnlyList<YamlDiagnostic> diagnostics)
        : base($"Constitution '{file}' has {diagnostics.Count} problem(s):{Environment.NewLine}" +
               string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception with a message and an optional cause.</summary>
    public ConstitutionException(string message, Exception? inner = null) : base(message, inner)
    {
        Diagnostics = [];
    }

    /// <summary>The problems found; empty when the exception wraps a single message.</summary>
    public IReadOnlyList<YamlDiagnostic> Diagnostics { get; }
}
