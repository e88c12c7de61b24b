using Cai.Pipeline.Evaluation;

namespace Cai.Pipeline.Tests.Evaluation;

/// <summary>A hand-written judge: option log-probs come from a callback that sees the prompt and options.</summary>
internal sealed class FakeChoiceScorer(Func<string, IReadOnlyList<string>, IReadOnlyList<double>> score) : IChoiceScorer
{
    public List<string> Prompts { get; } = [];

    public string Name => "fake";

    public Task<IReadOnlyList<double>> ScoreAsync(string prompt, IReadOnlyList<string> options,
        CancellationToken cancellationToken = default)
    {
        Prompts.Add(prompt);
        return Task.FromResult(score(prompt, options));
    }
}
