namespace Cai.Core.Constitutions;

/// <summary>
/// A set of principles that critique and revision prompts are drawn from, with optional few-shot examples and
/// sampling defaults. Loaded from YAML by <see cref="ConstitutionLoader"/>, written by <see cref="ConstitutionWriter"/>.
/// </summary>
public sealed record Constitution
{
    /// <summary>The constitution's name, e.g. "harmless".</summary>
    public required string Name { get; init; }

    /// <summary>A free-form version label, e.g. "1.0".</summary>
    /// <value>The default value is "1".</value>
    public string Version { get; init; } = "1";

    /// <summary>What the constitution is for; may be empty.</summary>
    public string Description { get; init; } = "";

    /// <summary>The principles, in file order; never empty in a loaded constitution.</summary>
    public required IReadOnlyList<Principle> Principles { get; init; }

    /// <summary>Worked critique/revision examples used as few-shot context.</summary>
    public IReadOnlyList<FewShotExample> FewShot { get; init; } = [];

    /// <summary>Sampling defaults for the critique and revision stages.</summary>
    public ConstitutionDefaults Defaults { get; init; } = new();

    /// <summary>
    /// The lowercase hex SHA-256 of a canonical serialisation of the content. It does not depend on YAML
    /// formatting, comments or key order, so it identifies the constitution in every record's lineage.
    /// </summary>
    public string Hash => ConstitutionHash.Compute(this);

    /// <summary>The principle with the given id.</summary>
    /// <exception cref="KeyNotFoundException">No principle has that id.</exception>
    public Principle GetPrinciple(string id) =>
        Principles.FirstOrDefault(p => p.Id == id)
        ?? throw new KeyNotFoundException($"Constitution '{Name}' has no principle '{id}'.");
}
