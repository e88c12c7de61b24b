using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;
using Cai.Core.Yaml;

namespace Cai.Pipeline.Generate;

/// <summary>
/// How the generate stage samples answers from the policy model; a pipeline config's <c>generate:</c> section binds
/// onto it under the same names (<c>samples_per_prompt</c>, <c>top_p</c>, ...), within the declared ranges.
/// </summary>
public sealed record GenerateOptions
{
    /// <summary>Answers drawn per prompt (two or more make feedback pairs possible).</summary>
    /// <value>The default value is 2.</value>
    [Range(1, ConfigLimits.SamplesPerPrompt)]
    public int SamplesPerPrompt { get; init; } = 2;

    /// <summary>Softmax temperature; 0 is greedy.</summary>
    /// <value>The default value is 1.0 (in a pipeline config, the policy model's temperature when it sets one).</value>
    [Range(0.0, 100.0)]
    public double? Temperature { get; init; } = 1.0;

    /// <summary>Nucleus sampling mass.</summary>
    /// <value>The default value is null (the provider's default).</value>
    [Range(0.001, 1.0)]
    public double? TopP { get; init; }

    /// <summary>Most new tokens per answer.</summary>
    /// <value>The default value is 256 (in a pipeline config, the policy model's max_tokens when it sets one).</value>
    [Range(1, ConfigLimits.MaxTokens)]
    public int? MaxTokens { get; init; } = 256;

    /// <summary>Prompts answered at once (the pipeline step's parallelism).</summary>
    /// <value>The default value is 8.</value>
    [Range(1, ConfigLimits.Parallelism)]
    public int MaxParallelism { get; init; } = 8;

    /// <summary>The run seed; each sample's seed derives from it, the prompt id and the sample index.</summary>
    /// <value>The default value is 0 (in a pipeline config, the run's <c>seed</c>).</value>
    [BindNever]
    public long Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option outside its declared range.</summary>
    public void Validate() => OptionRanges.Validate(this);
}
