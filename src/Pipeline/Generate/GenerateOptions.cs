using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;
using Cai.Core.Yaml;

namespace Cai.Pipeline.Generate;

/// <summary>
/// How the generate stage samples answers from the policy model: the sampling settings
/// (<see cref="SamplingOptions"/>) plus the stage's own. A pipeline config's <c>generate:</c> section binds onto it under
/// the same names (<c>samples_per_prompt</c>, <c>top_p</c>, ...), within the declared ranges; what it leaves out comes
/// from the policy model's settings, then from this record's defaults (temperature 1, <see cref="SamplingOptions.DefaultMaxTokens"/>
/// new tokens).
/// </summary>
public sealed record GenerateOptions : SamplingOptions
{
    /// <summary>Options with the stage's defaults: temperature 1 and <see cref="SamplingOptions.DefaultMaxTokens"/> new tokens.</summary>
    public GenerateOptions()
    {
        Temperature = 1.0;
        MaxTokens = DefaultMaxTokens;
    }

    /// <summary>Answers drawn per prompt (two or more make feedback pairs possible).</summary>
    /// <value>The default value is 2.</value>
    [Range(1, ConfigLimits.SamplesPerPrompt)]
    public int SamplesPerPrompt { get; init; } = 2;

    /// <summary>Prompts answered at once (the pipeline step's parallelism).</summary>
    /// <value>The default value is 8.</value>
    [Range(1, ConfigLimits.Parallelism)]
    public int MaxParallelism { get; init; } = 8;

    /// <summary>The run seed; each sample's seed derives from it, the prompt id and the sample index.</summary>
    /// <value>The default value is 0 (in a pipeline config, the run's <c>seed</c>).</value>
    [BindNever]
    public long Seed { get; init; }
}
