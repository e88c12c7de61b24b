using System.Text.RegularExpressions;

namespace Cai.Train.Online.Rewards;

/// <summary>
/// A toy reward: how often one word occurs in the response (case-insensitive, whole words, the word boundaries of the
/// constitution's lexicon checks). Easy to raise and easy to verify, so it shows that PPO learns before any reward
/// model is involved (the stories260K example in the README).
/// </summary>
public sealed class WordCountRewardSource : IRewardSource
{
    readonly Regex pattern;

    /// <summary>Counts <paramref name="word"/>.</summary>
    /// <exception cref="ArgumentException">The word is empty or contains whitespace.</exception>
    public WordCountRewardSource(string word)
    {
        if (string.IsNullOrWhiteSpace(word) || word.Any(char.IsWhiteSpace))
            throw new ArgumentException($"word-count needs one word (got '{word}')", nameof(word));
        Word = word;
        pattern = new Regex($@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}_])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The counted word.</summary>
    public string Word { get; }

    /// <inheritdoc />
    public string Name => $"word-count:{Word}";

    /// <summary>The occurrences of the word in <paramref name="text"/>.</summary>
    public int Count(string text) => pattern.Matches(text).Count;

    /// <inheritdoc />
    public Task<IReadOnlyList<double>> ScoreAsync(IReadOnlyList<RewardQuery> batch, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<double>>(batch.Select(q => (double)Count(q.Response)).ToArray());
    }
}
