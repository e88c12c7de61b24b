using Cai.Models.Llama;

namespace Cai.Models.Hf;

/// <summary>
/// config.json's rope_scaling as written (e.g. Llama 3.1/3.2's <c>{"rope_type": "llama3", "factor": 32.0, ...}</c>).
/// The types the model computes (<see cref="RopeScaling.SupportedTypes"/>) go into
/// <see cref="LlamaConfig.RopeScaling"/>; a loader refuses any other, as ignoring it computes wrong RoPE frequencies.
/// </summary>
public sealed record HfRopeScaling
{
    /// <summary>rope_type (or the older key type): linear, dynamic, llama3, yarn, ...</summary>
    public required string RopeType { get; init; }

    /// <summary>factor.</summary>
    public double Factor { get; init; } = 1.0;

    /// <summary>low_freq_factor (llama3).</summary>
    public double? LowFreqFactor { get; init; }

    /// <summary>high_freq_factor (llama3).</summary>
    public double? HighFreqFactor { get; init; }

    /// <summary>original_max_position_embeddings.</summary>
    public int? OriginalMaxPositionEmbeddings { get; init; }

    /// <summary>The scaling as the Llama model computes it (check <see cref="RopeScaling.Problem"/> before use).</summary>
    public RopeScaling ToLlama() => new(RopeType, Factor, LowFreqFactor, HighFreqFactor, OriginalMaxPositionEmbeddings);

    internal static HfRopeScaling? Read(JsonFields config)
    {
        if (!config.Has("rope_scaling"))
            return null;
        var o = config.Object("rope_scaling");
        return new HfRopeScaling
        {
            RopeType = o.String("rope_type") ?? o.String("type")
                       ?? throw new HfFormatException(config.File, "rope_scaling.rope_type", "required but missing"),
            Factor = o.Double("factor", 1.0),
            LowFreqFactor = o.OptionalDouble("low_freq_factor"),
            HighFreqFactor = o.OptionalDouble("high_freq_factor"),
            OriginalMaxPositionEmbeddings = o.OptionalInt("original_max_position_embeddings"),
        };
    }
}
