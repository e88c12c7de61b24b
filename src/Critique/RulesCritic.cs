namespace Cai.Critique;

/// <summary>
/// The offline <c>rules</c> critic: evaluates the principle's machine checks (lexicon, regex, max length) on the
/// response and writes a critique naming what matched, or <see cref="NothingFound"/>. A principle without checks
/// cannot be judged offline, so it never asks for a revision.
/// </summary>
public sealed class RulesCritic : ICritic
{
    /// <summary>The critique written when no check is violated.</summary>
    public const string NothingFound = "no problems found by checks";

    /// <summary>The model spec of the rules judge.</summary>
    public const string ModelName = "rules";

    /// <inheritdoc />
    public string Model => ModelName;

    /// <inheritdoc />
    public Task<CritiqueResult> CritiqueAsync(
        IReadOnlyList<Message> conversation, string response, Principle principle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principle);
        ArgumentNullException.ThrowIfNull(response);
        cancellationToken.ThrowIfCancellationRequested();
        var evaluation = principle.Evaluate(response);
        var critique = evaluation.Violated
            ? $"The checks for '{principle.Id}' found problems:\n{evaluation.Findings}"
            : principle.Checks.Count == 0 ? $"{NothingFound} (principle '{principle.Id}' has no checks)" : NothingFound;
        return Task.FromResult(new CritiqueResult(principle.Id, principle.Critique, critique, evaluation.Violated));
    }
}
