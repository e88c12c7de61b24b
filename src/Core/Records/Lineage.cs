namespace Cai.Core.Records;

/// <summary>
/// Where a derived row came from: the constitution (name and version hash), the principles applied, the models
/// by role, the sampling parameters and the seed. Serialised as a nested <c>"lineage"</c> object.
/// </summary>
public sealed record Lineage
{
    /// <summary>The constitution's name, e.g. <c>harmless</c>.</summary>
    public string? Constitution { get; init; }

    /// <summary>The content hash of the constitution version used.</summary>
    public string? ConstitutionHash { get; init; }

    /// <summary>The principle ids applied, in order.</summary>
    public IReadOnlyList<string>? PrincipleIds { get; init; }

    /// <summary>Model specs by role, e.g. <c>{"policy": "ollama:llama3.1:8b", "critic": "openai:gpt-4o-mini"}</c>.</summary>
    public IReadOnlyDictionary<string, string>? Models { get; init; }

    /// <summary>The sampling parameters used.</summary>
    public SamplingParameters? Sampling { get; init; }

    /// <summary>The per-item seed (see <see cref="Runs.SeededRandom"/>).</summary>
    public long? Seed { get; init; }
}
