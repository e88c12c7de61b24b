using Cai.Core.Options;

namespace Cai.Models.Hf;

/// <summary>
/// The sampling defaults a checkpoint ships in generation_config.json. Null means the file does not say, so the
/// caller's own default applies.
/// </summary>
public sealed record HfGenerationConfig
{
    /// <summary>The file's name in a model folder.</summary>
    public const string FileName = "generation_config.json";

    // The file's name of SamplingOptions.MaxTokens; the other settings keep their keys.
    const string MaxNewTokens = "max_new_tokens";

    /// <summary>
    /// The sampling settings the file sets, as every layer above spells and bounds them (<c>max_new_tokens</c> is
    /// <see cref="SamplingOptions.MaxTokens"/>). With <c>do_sample</c> false the temperature is 0 (greedy), whatever
    /// temperature the file also gives, as transformers decodes it. A <c>max_new_tokens</c> above what any layer accepts
    /// (<see cref="ConfigLimits.MaxTokens"/>) is read as that limit: it is a checkpoint's ceiling, not a reason to refuse
    /// the model, and the context ends a generation sooner anyway.
    /// </summary>
    public SamplingOptions Sampling { get; init; } = new();

    /// <summary>do_sample; false means greedy decoding.</summary>
    public bool? DoSample { get; init; }

    /// <summary>eos_token_id, as a list even when the file holds a single integer.</summary>
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    /// <summary>bos_token_id.</summary>
    public int? BosTokenId { get; init; }

    /// <summary>pad_token_id.</summary>
    public int? PadTokenId { get; init; }

    /// <summary>The generation_config.json of model folder <paramref name="dir"/>, or null when it has none (it is optional).</summary>
    /// <exception cref="HfFormatException">The file is there but malformed; the message names file and field.</exception>
    public static HfGenerationConfig? ReadIfPresent(string dir) =>
        File.Exists(Path.Combine(dir, FileName)) ? Read(dir) : null;

    /// <summary>Reads a generation_config.json (a file, or a folder holding one).</summary>
    /// <exception cref="HfFormatException">A field has the wrong type or is outside the range <see cref="SamplingOptions"/>
    /// declares; the message names file and field.</exception>
    public static HfGenerationConfig Read(string path)
    {
        if (Directory.Exists(path))
            path = Path.Combine(path, FileName);
        var json = JsonFields.Load(path);
        var doSample = json.OptionalBool("do_sample");
        var sampling = new SamplingOptions
        {
            MaxTokens = json.OptionalInt(MaxNewTokens) is { } max ? Math.Min(max, ConfigLimits.MaxTokens) : null,
            Temperature = json.OptionalDouble("temperature"),
            TopP = json.OptionalDouble("top_p"),
            TopK = json.OptionalInt("top_k"),
        };
        foreach (var property in typeof(SamplingOptions).GetProperties())
        {
            if (OptionRanges.Problem(property, property.GetValue(sampling)) is { } problem)
            {
                var field = property.Name == nameof(SamplingOptions.MaxTokens) ? MaxNewTokens : OptionRanges.Key(property.Name);
                throw new HfFormatException(path, field, problem);
            }
        }

        return new HfGenerationConfig
        {
            Sampling = doSample == false ? sampling with { Temperature = 0 } : sampling,
            DoSample = doSample,
            EosTokenIds = json.IntOrList("eos_token_id"),
            BosTokenId = json.OptionalInt("bos_token_id"),
            PadTokenId = json.OptionalInt("pad_token_id"),
        };
    }
}
