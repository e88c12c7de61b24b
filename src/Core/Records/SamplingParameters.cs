using System.Text.Json.Serialization;
using Cai.Core.Options;

namespace Cai.Core.Records;

/// <summary>
/// How a completion was sampled, recorded with every generated row: the <see cref="SamplingOptions"/> it was asked for
/// (the same four settings, bounds and JSON names), with its seed and stop sequences. Null fields were left to the
/// provider's defaults and are omitted from JSON.
/// </summary>
public sealed record SamplingParameters : SamplingOptions
{
    /// <summary>Creates a record with every setting left to the provider.</summary>
    public SamplingParameters()
    {
    }

    /// <summary>The settings of <paramref name="asked"/> (a stage's options, a model's: any sampling record), to record.</summary>
    public SamplingParameters(SamplingOptions asked)
        : base(asked)
    {
    }

    /// <summary>The sampling seed, written after the settings.</summary>
    [JsonPropertyOrder(1)]
    public long? Seed { get; init; }

    /// <summary>Stop sequences.</summary>
    [JsonPropertyOrder(2)]
    public IReadOnlyList<string>? Stop { get; init; }
}
