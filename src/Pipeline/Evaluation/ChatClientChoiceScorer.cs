using Cai.Pipeline.Providers;
using Microsoft.Extensions.AI;

namespace Cai.Pipeline.Evaluation;

/// <summary>
/// A chat-model judge read through the log-prob extension: the prompt is sent as one user turn at temperature 0 and
/// each option's log-probability is that of its letter among the top alternatives of the first answer token.
/// </summary>
public sealed class ChatClientChoiceScorer(IChatClient client, string name) : IChoiceScorer
{
    const int TopCount = 20;

    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    /// <exception cref="LogProbabilitiesNotSupportedException">The model cannot return log-probabilities.</exception>
    public async Task<IReadOnlyList<double>> ScoreAsync(string prompt, IReadOnlyList<string> options,
        CancellationToken cancellationToken = default)
    {
        var response = await client.GetResponseWithLogProbabilitiesAsync([new ChatMessage(ChatRole.User, prompt)], TopCount,
            new ChatOptions { Temperature = 0, MaxOutputTokens = 4 }, cancellationToken).ConfigureAwait(false);
        return FromTokens(response.Tokens, options);
    }

    /// <summary>
    /// Option log-probabilities from an answer's tokens: the first token that holds more than brackets and spaces is
    /// the answer position; an option's score is the best log-probability among that token and its alternatives whose
    /// text, stripped of brackets and spaces, equals the option's letter (" (A)" has letter "A").
    /// </summary>
    public static IReadOnlyList<double> FromTokens(IReadOnlyList<TokenLogProbability> tokens, IReadOnlyList<string> options)
    {
        var letters = options.Select(Strip).ToList();
        var answer = tokens.FirstOrDefault(t => Strip(t.Token).Length > 0);
        if (answer is null)
            return [.. letters.Select(_ => double.NegativeInfinity)];
        var candidates = answer.TopAlternatives.Select(a => (a.Token, a.LogProbability))
            .Append((answer.Token, answer.LogProbability)).ToList();
        return [.. letters.Select(letter => candidates
            .Where(c => Strip(c.Token) == letter)
            .Select(c => c.LogProbability)
            .DefaultIfEmpty(double.NegativeInfinity)
            .Max())];
    }

    static string Strip(string text) => text.Trim().Trim('(', ')', '[', ']', '.', ':', ' ');
}
