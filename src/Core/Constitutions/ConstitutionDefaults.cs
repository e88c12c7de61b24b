using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;

namespace Cai.Core.Constitutions;

/// <summary>
/// What a constitution suggests for the critique and revision stages: rounds, principles per round, and sampling
/// settings (<see cref="SamplingOptions"/>: <c>temperature</c>, <c>top_p</c>, <c>top_k</c>, <c>max_tokens</c>), which a
/// role's own model settings override. A constitution's <c>defaults:</c> binds onto it under the same names, within
/// the declared ranges (which constitution.schema.json repeats).
/// </summary>
public sealed record ConstitutionDefaults : SamplingOptions
{
    /// <summary>Critique/revision rounds per sample.</summary>
    /// <value>The default value is 4.</value>
    [Range(1, ConfigLimits.Rounds)]
    public int Rounds { get; init; } = 4;

    /// <summary>Principles sampled per round.</summary>
    /// <value>The default value is 1.</value>
    [Range(1, int.MaxValue)]
    public int PrinciplesPerRound { get; init; } = 1;
}
