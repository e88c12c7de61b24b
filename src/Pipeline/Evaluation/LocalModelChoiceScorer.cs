using Cai.Models;

namespace Cai.Pipeline.Evaluation;

/// <summary>
/// An in-process judge: each option's log-probability is the summed log-probability of its tokens as the
/// continuation of the prompt (lm-evaluation-harness style). A prompt too long for the model's context keeps its end,
/// where the options and the question are.
/// </summary>
public sealed class LocalModelChoiceScorer(LocalModel model) : IChoiceScorer
{
    // Room left after the prompt for the option's own tokens.
    const int OptionBudget = 16;

    /// <inheritdoc />
    public string Name => model.Id;

    /// <summary>How many prompts were cut to fit the context so far.</summary>
    public int TruncatedPrompts { get; private set; }

    /// <inheritdoc />
    public Task<IReadOnlyList<double>> ScoreAsync(string prompt, IReadOnlyList<string> options,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var fitted = Fit(prompt);
        var scores = model.ScoreBatch([.. options.Select(o => (fitted, o))]);
        return Task.FromResult<IReadOnlyList<double>>([.. scores.Select(s => s.LogProb)]);
    }

    string Fit(string prompt)
    {
        var budget = model.Info.MaxLength - OptionBudget;
        var tokens = model.Tokenizer.Encode(prompt).Count;
        if (tokens <= budget)
            return prompt;
        TruncatedPrompts++;
        while (tokens > budget)
        {
            var keep = (int)(prompt.Length * 0.95 * budget / tokens);
            prompt = prompt[^keep..];
            tokens = model.Tokenizer.Encode(prompt).Count;
        }
        return prompt;
    }
}
