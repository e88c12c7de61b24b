using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;
using Microsoft.Extensions.AI;

namespace Cai.Core.Constitutions;

/// <summary>
/// Sampling defaults a constitution suggests for the critique and revision stages; a constitution's <c>defaults:</c>
/// binds onto it under the same names, within the declared ranges (which constitution.schema.json repeats).
/// </summary>
public sealed record ConstitutionDefaults
{
    /// <summary>Critique/revision rounds per sample.</summary>
    /// <value>The default value is 4.</value>
    [Range(1, ConfigLimits.Rounds)]
    public int Rounds { get; init; } = 4;

    /// <summary>Principles sampled per round.</summary>
    /// <value>The default value is 1.</value>
    [Range(1, int.MaxValue)]
    public int PrinciplesPerRound { get; init; } = 1;

    /// <summary>Sampling temperature for the critic; null leaves it to the model settings.</summary>
    /// <value>The default value is null.</value>
    [Range(0.0, 100.0)]
    public double? Temperature { get; init; }

    /// <summary>Maximum new tokens per critique or revision; null leaves it to the model settings.</summary>
    /// <value>The default value is null.</value>
    [Range(1, ConfigLimits.MaxTokens)]
    public int? MaxTokens { get; init; }

    /// <summary>The chat options these defaults ask for (critique and revision calls made without options of their own), or null when they set nothing.</summary>
    public ChatOptions? ToChatOptions() =>
        Temperature is null && MaxTokens is null ? null : new ChatOptions { Temperature = (float?)Temperature, MaxOutputTokens = MaxTokens };
}
