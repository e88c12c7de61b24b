using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;
using Cai.Core.Yaml;

namespace Cai.Revise;

/// <summary>
/// Options of <see cref="RevisionChain"/>; a pipeline config's <c>revise:</c> section
/// binds onto it under the same names (<c>rounds</c>, <c>few_shot</c>, <c>max_parallelism</c>).
/// </summary>
public sealed record ReviseOptions : OptionsRecord
{
    /// <summary>The stage name, also its output file name.</summary>
    /// <value>The default value is "revise".</value>
    [BindNever]
    public string Name { get; init; } = "revise";

    /// <summary>
    /// Critique/revision rounds per item for <see cref="RevisionChain"/>; null takes the constitution's
    /// <c>defaults.rounds</c>. In a pipeline, 0 skips revision (then only feedback pairs can be made).
    /// </summary>
    /// <value>The default value is null.</value>
    [Range(0, ConfigLimits.Rounds)]
    public int? Rounds { get; init; }

    /// <summary>The run seed the principle sampler was built with; the per-item seed derived from it is recorded in lineage.</summary>
    /// <value>The default value is null (the input's seed is kept).</value>
    [BindNever]
    public long? RunSeed { get; init; }

    /// <summary>
    /// Whether a model critic's and the reviser's prompts start with the constitution's few-shot examples (the HF
    /// recipe's prior turns). Turn it off for a model whose context cannot hold them (stories260K's 512 tokens).
    /// </summary>
    /// <value>The default value is true.</value>
    public bool FewShot { get; init; } = true;

    /// <summary>Samples revised at once (the pipeline step's parallelism).</summary>
    /// <value>The default value is 8.</value>
    [Range(1, ConfigLimits.Parallelism)]
    public int MaxParallelism { get; init; } = 8;

    /// <summary>Chat options for every revision request; null takes the constitution's temperature and max tokens.</summary>
    /// <value>The default value is null.</value>
    [BindNever]
    public ChatOptions? Chat { get; init; }
}
