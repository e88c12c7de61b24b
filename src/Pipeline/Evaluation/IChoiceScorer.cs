namespace Cai.Pipeline.Evaluation;

/// <summary>
/// A judge model answering a multiple-choice question: the log-probability it gives each option (e.g. " (A)",
/// " (B)") as the continuation of the prompt.
/// </summary>
public interface IChoiceScorer
{
    /// <summary>The judge's name for reports.</summary>
    string Name { get; }

    /// <summary>One log-probability per option, in option order; negative infinity for an option the judge never considers.</summary>
    Task<IReadOnlyList<double>> ScoreAsync(string prompt, IReadOnlyList<string> options, CancellationToken cancellationToken = default);
}
