namespace Cai.Models.Hf;

/// <summary>
/// The sampling defaults a checkpoint ships in generation_config.json. Null means the file does not say, so the
/// caller's own default applies.
/// </summary>
public sealed record HfGenerationConfig
{
    /// <summary>max_new_tokens.</summary>
    public int? MaxNewTokens { get; init; }

    /// <summary>temperature.</summary>
    public double? Temperature { get; init; }

    /// <summary>top_p (nucleus sampling).</summary>
    public double? TopP { get; init; }

    /// <summary>top_k.</summary>
    public int? TopK { get; init; }

    /// <summary>do_sample; false means greedy decoding.</summary>
    public bool? DoSample { get; init; }

    /// <summary>eos_token_id, as a list even when the file holds a single integer.</summary>
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    /// <summary>bos_token_id.</summary>
    public int? BosTokenId { get; init; }

    /// <summary>pad_token_id.</summary>
    public int? PadTokenId { get; init; }

    /// <summary>Reads a generation_config.json (a file, or a folder holding one).</summary>
    /// <exception cref="HfFormatException">A field has the wrong type or range; the message names file and field.</exception>
    public static HfGenerationConfig Read(string path)
    {
        if (Directory.Exists(path))
            path = Path.Combine(path, "generation_config.json");
        var json = JsonFields.Load(path);
        var config = new HfGenerationConfig
        {
            MaxNewTokens = json.OptionalInt("max_new_tokens"),
            Temperature = json.OptionalDouble("temperature"),
            TopP = json.OptionalDouble("top_p"),
            TopK = json.OptionalInt("top_k"),
            DoSample = json.OptionalBool("do_sample"),
            EosTokenIds = json.IntOrList("eos_token_id"),
            BosTokenId = json.OptionalInt("bos_token_id"),
            PadTokenId = json.OptionalInt("pad_token_id"),
        };
        if (config.MaxNewTokens is <= 0)
            throw new HfFormatException(path, "max_new_tokens", $"must be positive, found {config.MaxNewTokens}");
        if (config.Temperature is < 0)
            throw new HfFormatException(path, "temperature", $"must not be negative, found {config.Temperature}");
        if (config.TopP is <= 0 or > 1)
            throw new HfFormatException(path, "top_p", $"must be in (0, 1], found {config.TopP}");
        if (config.TopK is < 0)
            throw new HfFormatException(path, "top_k", $"must not be negative, found {config.TopK}");
        return config;
    }
}
