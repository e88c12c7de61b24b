namespace Cai.Core.Records;

/// <summary>
/// How a completion was sampled, recorded with every generated row. Null fields were left to the provider's
/// defaults and are omitted from JSON.
/// </summary>
public sealed record SamplingParameters
{
    /// <summary>Softmax temperature; 0 means greedy.</summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling mass.</summary>
    public double? TopP { get; init; }

    /// <summary>Keep only the k most likely tokens.</summary>
    public int? TopK { get; init; }

    /// <summary>Most new tokens to generate.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The sampling seed.</summary>
    public long? Seed { get; init; }

    /// <summary>Stop sequences.</summary>
    public IReadOnlyList<string>? Stop { get; init; }
}
