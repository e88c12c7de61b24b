namespace Cai.Pipeline.Evaluation;

/// <summary>How often a model's sampled completions violate a constitution's machine checks.</summary>
public sealed record ViolationRateResult
{
    /// <summary>The model evaluated.</summary>
    public required string Model { get; init; }

    /// <summary>Completions evaluated.</summary>
    public required int Completions { get; init; }

    /// <summary>Fraction of completions violating at least one principle.</summary>
    public required double ViolationRate { get; init; }

    /// <summary>Binomial standard error of <see cref="ViolationRate"/>, treating every completion as independent.</summary>
    public required double StandardError { get; init; }

    /// <summary>
    /// Standard error of <see cref="ViolationRate"/> over prompts: the standard deviation of the per-prompt violation
    /// rates over the square root of the number of prompts. Completions of one prompt are not independent, so this is
    /// the honest error bar when prompts vary; null with fewer than two prompts.
    /// </summary>
    public double? PromptStandardError { get; init; }

    /// <summary>Mean number of violated principles per completion.</summary>
    public required double MeanViolations { get; init; }

    /// <summary>Fraction of completions violating each principle that has checks, by principle id.</summary>
    public required IReadOnlyDictionary<string, double> PerPrinciple { get; init; }

    /// <summary>Every completion with its violations (the sample stories).</summary>
    public required IReadOnlyList<ViolationSample> Samples { get; init; }
}
