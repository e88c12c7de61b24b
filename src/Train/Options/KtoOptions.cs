using Cai.Core.Options;

namespace Cai.Train.Options;

/// <summary>
/// Options of the KTO trainer, named after TRL's <c>KTOConfig</c>; β, the sequence limits and TRL's overrides of
/// TrainingArguments' defaults (recent TRL releases; older ones differed) come from <see cref="PreferenceOptions"/>.
/// </summary>
public sealed record KtoOptions : PreferenceOptions
{
    /// <summary>λ_D, the weight of desirable examples' losses (<c>desirable_weight</c>).</summary>
    /// <value>The default value is 1.0.</value>
    [Positive]
    public double DesirableWeight { get; init; } = 1.0;

    /// <summary>λ_U, the weight of undesirable examples' losses (<c>undesirable_weight</c>).</summary>
    /// <value>The default value is 1.0.</value>
    [Positive]
    public double UndesirableWeight { get; init; } = 1.0;
}
