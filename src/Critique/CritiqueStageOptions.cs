namespace Cai.Critique;

/// <summary>Options of <see cref="CritiqueStage"/>.</summary>
public sealed record CritiqueStageOptions
{
    /// <summary>The stage name, also its output file name.</summary>
    /// <value>The default value is "critique".</value>
    public string Name { get; init; } = "critique";

    /// <summary>The run seed the principle sampler was built with; the per-item seed derived from it is recorded in lineage.</summary>
    /// <value>The default value is null (the input's seed is kept).</value>
    public long? RunSeed { get; init; }
}
