namespace Cai.Pipeline.Evaluation;

/// <summary>A judge's multiple-choice accuracy, e.g. on the HHH comparisons.</summary>
public sealed record MultipleChoiceResult
{
    /// <summary>The judge's name.</summary>
    public required string Judge { get; init; }

    /// <summary>Questions asked.</summary>
    public required int Count { get; init; }

    /// <summary>Questions where a correct option scored strictly higher than every incorrect one.</summary>
    public required int Correct { get; init; }

    /// <summary>Questions where the best correct and best incorrect option scored the same (counted wrong).</summary>
    public required int Ties { get; init; }

    /// <summary>Correct / Count.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Binomial standard error sqrt(p (1 - p) / n).</summary>
    public required double StandardError { get; init; }

    /// <summary>Mean probability the judge gives the correct options, normalised over all options.</summary>
    public required double MeanCorrectProbability { get; init; }
}
