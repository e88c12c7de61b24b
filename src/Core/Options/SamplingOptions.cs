using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;

namespace Cai.Core.Options;

/// <summary>
/// The sampling settings, declared once with their bounds: a model's settings (<c>models.&lt;role&gt;</c>), a
/// constitution's <c>defaults:</c>, the generate stage's options and evaluation's all derive from this record, so
/// <c>temperature</c>, <c>top_p</c>, <c>top_k</c> and <c>max_tokens</c> are spelled, bounded and passed on the same
/// everywhere (and each becomes a flag of the same name). Null leaves a setting to the next layer: the call's options,
/// then the model's settings, then the checkpoint's generation_config.json, then the engine's defaults (temperature 1,
/// no top-p or top-k filter, <see cref="DefaultMaxTokens"/> new tokens).
/// </summary>
public record SamplingOptions : OptionsRecord
{
    /// <summary>New tokens when no layer sets a number: the local engine's default, and the generate stage's.</summary>
    public const int DefaultMaxTokens = 256;

    /// <summary>Softmax temperature; 0 is greedy decoding.</summary>
    /// <value>The default value is null (the next layer's).</value>
    [Range(0.0, 100.0)]
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling (Holtzman et al. 2019, arXiv 1904.09751): keep the smallest set of tokens whose
    /// probability reaches this mass.</summary>
    /// <value>The default value is null (the next layer's; 1, no filter, at the engine).</value>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double? TopP { get; init; }

    /// <summary>Keep only the k most likely tokens; 0 turns the filter off.</summary>
    /// <value>The default value is null (the next layer's; 0, no filter, at the engine).</value>
    [Range(0, int.MaxValue)]
    public int? TopK { get; init; }

    /// <summary>Most new tokens per completion.</summary>
    /// <value>The default value is null (the next layer's).</value>
    [Range(1, ConfigLimits.MaxTokens)]
    public int? MaxTokens { get; init; }

    /// <summary>
    /// A copy (of this record's own type) in which every setting <paramref name="over"/> sets replaces this one's: a
    /// stage's defaults under the model settings that override them.
    /// </summary>
    public SamplingOptions With(SamplingOptions? over) => over is null ? this : Merged(over, this);

    /// <summary>
    /// A copy (of this record's own type) in which every setting this one leaves unset is taken from
    /// <paramref name="fallback"/>: a role's model settings over the constitution's suggestions.
    /// </summary>
    public SamplingOptions OrElse(SamplingOptions? fallback) => fallback is null ? this : Merged(this, fallback);

    // A copy of this record with each setting first's, or second's where first leaves it unset: the one list of the
    // settings that With and OrElse merge.
    SamplingOptions Merged(SamplingOptions first, SamplingOptions second) => this with
    {
        Temperature = first.Temperature ?? second.Temperature,
        TopP = first.TopP ?? second.TopP,
        TopK = first.TopK ?? second.TopK,
        MaxTokens = first.MaxTokens ?? second.MaxTokens,
    };

    /// <summary>Sets on <paramref name="options"/> every setting it leaves unset and this one sets; returns it.</summary>
    public ChatOptions FillUnset(ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Temperature ??= (float?)Temperature;
        options.TopP ??= (float?)TopP;
        options.TopK ??= TopK;
        options.MaxOutputTokens ??= MaxTokens;
        return options;
    }

    /// <summary>The settings <paramref name="options"/> asks for (none when it is null): the reverse of <see cref="ToChatOptions"/>.</summary>
    public static SamplingOptions Of(ChatOptions? options) => new()
    {
        Temperature = options?.Temperature,
        TopP = options?.TopP,
        TopK = options?.TopK,
        MaxTokens = options?.MaxOutputTokens,
    };

    /// <summary>Chat options that ask for these settings, or null when none is set.</summary>
    public ChatOptions? ToChatOptions() =>
        Temperature is null && TopP is null && TopK is null && MaxTokens is null ? null : FillUnset(new ChatOptions());
}
