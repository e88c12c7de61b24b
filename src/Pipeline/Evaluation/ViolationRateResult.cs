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

    /// <summary>Binomial standard error of <see cref="ViolationRate"/>.</summary>
    public required double StandardError { get; init; }

    /// <summary>Mean number of violated principles per completion.</summary>
    public required double MeanViolations { get; init; }

    /// <summary>Fraction of completions violating each principle that has checks, by principle id.</summary>
    public required IReadOnlyDictionary<string, double> PerPrinciple { get; init; }

    /// <summary>Every completion with its violations (the sample stories).</summary>
    public required IReadOnlyList<ViolationSample> Samples { get; init; }
}
