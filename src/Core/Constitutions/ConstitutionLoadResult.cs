using Cai.Core.Yaml;

namespace Cai.Core.Constitutions;

/// <summary>The outcome of <see cref="ConstitutionLoader.Load(string)"/>: a constitution, or every problem found.</summary>
/// <param name="Constitution">The constitution; null when any diagnostic was reported.</param>
/// <param name="Diagnostics">All problems, in file order.</param>
public sealed record ConstitutionLoadResult(Constitution? Constitution, IReadOnlyList<YamlDiagnostic> Diagnostics)
{
    /// <summary>True when the file loaded without problems.</summary>
    public bool IsValid => Constitution is not null && Diagnostics.Count == 0;
}
