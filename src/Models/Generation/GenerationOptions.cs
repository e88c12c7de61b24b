using System.ComponentModel.DataAnnotations;
using Cai.Core.Options;

namespace Cai.Models.Generation;

/// <summary>
/// How to continue a prompt, every setting resolved: the engine's request. Names follow HF <c>GenerationConfig</c>;
/// each bound is declared once on its property and checked by <see cref="Validate"/> (<c>cai model generate</c>'s flags
/// are made from this record). A config's layered, nullable <see cref="SamplingOptions"/> become one with
/// <see cref="With"/>.
/// </summary>
public sealed record GenerationOptions : OptionsRecord
{
    /// <summary>Most tokens to generate per sequence.</summary>
    /// <value>The default value is <see cref="SamplingOptions.DefaultMaxTokens"/> (256).</value>
    [Range(1, ConfigLimits.MaxTokens)]
    public int MaxNewTokens { get; init; } = SamplingOptions.DefaultMaxTokens;

    /// <summary>Softmax temperature; 0 means greedy decoding.</summary>
    /// <value>The default value is 1.0.</value>
    [Range(0.0, 100.0)]
    public double Temperature { get; init; } = 1.0;

    /// <summary>Nucleus sampling (Holtzman et al. 2019, arXiv 1904.09751): keep the smallest set of tokens whose
    /// probability reaches this mass.</summary>
    /// <value>The default value is 1.0 (off).</value>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double TopP { get; init; } = 1.0;

    /// <summary>Keep only the k most likely tokens; 0 turns the filter off.</summary>
    /// <value>The default value is 0 (off).</value>
    [Range(0, int.MaxValue)]
    public int TopK { get; init; }

    /// <summary>Seed of the torch generator used for sampling, so the same seed gives the same text.</summary>
    /// <value>The default value is 0.</value>
    public long Seed { get; init; }

    /// <summary>Texts that end a sequence; the text is cut before the first one found.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<string> StopStrings { get; init; } = [];

    /// <summary>Token ids that end a sequence (besides the tokenizer's EOS); they are not part of the output.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<int> StopTokenIds { get; init; } = [];

    /// <summary>Independent samples per prompt.</summary>
    /// <value>The default value is 1.</value>
    [Range(1, int.MaxValue)]
    public int NumReturnSequences { get; init; } = 1;

    /// <summary>Whether to return the log-probability of each generated token under the model (temperature 1,
    /// before top-k/top-p filtering).</summary>
    /// <value>The default value is false.</value>
    public bool ReturnLogProbs { get; init; }

    /// <summary>How many most likely alternatives to return per generated token (0 for none).</summary>
    /// <value>The default value is 0.</value>
    [Range(0, int.MaxValue)]
    public int TopLogProbs { get; init; }

    /// <summary>Whether to reuse keys/values between steps; false recomputes the whole sequence (for testing).</summary>
    /// <value>The default value is true.</value>
    public bool UseCache { get; init; } = true;

    /// <summary>
    /// A copy with every setting <paramref name="sampling"/> sets (temperature, top-p, top-k, max tokens) replacing this
    /// one's: a config's sampling settings resolved for the engine, whose defaults fill in what none of its layers set.
    /// </summary>
    public GenerationOptions With(SamplingOptions? sampling) => sampling is null ? this : this with
    {
        MaxNewTokens = sampling.MaxTokens ?? MaxNewTokens,
        Temperature = sampling.Temperature ?? Temperature,
        TopP = sampling.TopP ?? TopP,
        TopK = sampling.TopK ?? TopK,
    };

    /// <summary>Throws when an option is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public override void Validate()
    {
        base.Validate();
        if (StopStrings.Any(s => s.Length == 0))
            throw new ArgumentOutOfRangeException(nameof(StopStrings), "GenerationOptions.StopStrings must not contain empty strings.");
    }
}
