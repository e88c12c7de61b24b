namespace Cai.Revise;

/// <summary>Options of <see cref="ReviseStage"/> and <see cref="RevisionChain"/>.</summary>
public sealed record ReviseOptions
{
    /// <summary>The stage name, also its output file name.</summary>
    /// <value>The default value is "revise".</value>
    public string Name { get; init; } = "revise";

    /// <summary>Critique/revision rounds per item for <see cref="RevisionChain"/>; null takes the constitution's <c>defaults.rounds</c>.</summary>
    /// <value>The default value is null.</value>
    public int? Rounds { get; init; }

    /// <summary>The run seed the principle sampler was built with; the per-item seed derived from it is recorded in lineage.</summary>
    /// <value>The default value is null (the input's seed is kept).</value>
    public long? RunSeed { get; init; }

    /// <summary>
    /// Whether revision prompts start with the constitution's few-shot examples (the HF recipe's prior turns). Turn it
    /// off for a reviser whose context cannot hold them.
    /// </summary>
    /// <value>The default value is true.</value>
    public bool FewShot { get; init; } = true;

    /// <summary>Chat options for every revision request; null takes the constitution's temperature and max tokens.</summary>
    /// <value>The default value is null.</value>
    public ChatOptions? Chat { get; init; }
}
