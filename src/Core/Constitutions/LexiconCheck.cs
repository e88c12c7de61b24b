using System.Text.RegularExpressions;

namespace Cai.Core.Constitutions;

/// <summary>
/// Counts case-insensitive whole-word matches of a list of words or phrases. A phrase matches across any
/// whitespace; a trailing <c>*</c> matches any word ending ("kill*" matches "killed" and "killing").
/// The check is violated when the number of hits exceeds <see cref="MaxHits"/>.
/// </summary>
public sealed record LexiconCheck : PrincipleCheck
{
    /// <summary>The words or phrases to look for.</summary>
    public required IReadOnlyList<string> Words { get; init; }

    /// <summary>How many hits are tolerated.</summary>
    /// <value>The default value is 0.</value>
    public int MaxHits { get; init; }

    /// <inheritdoc/>
    public override string Type => "lexicon";

    /// <inheritdoc/>
    public override CheckResult Evaluate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // The static Regex methods cache the compiled pattern, and keep this record's equality free of state.
        var hits = Regex.Matches(text, Pattern(Words), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            RegexCheck.MatchTimeout);
        var matched = hits.Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();
        var violated = hits.Count > MaxHits;
        var finding = hits.Count == 0
            ? $"lexicon '{Name}' matched nothing"
            : $"lexicon '{Name}' matched: {string.Join(", ", matched)}" +
              (MaxHits > 0 ? $" ({hits.Count} hits, max {MaxHits})" : "");
        return new CheckResult(Name, violated, finding);
    }

    static string Pattern(IReadOnlyList<string> words)
    {
        // Longest first so that a phrase wins over a word it starts with.
        var alternatives = words.Where(w => w.Trim().TrimEnd('*').Length > 0).OrderByDescending(w => w.Length).Select(ToPattern).ToList();
        if (alternatives.Count == 0) return "(?!)"; // an empty alternation would match everywhere
        return $@"(?<![\p{{L}}\p{{N}}_])(?:{string.Join('|', alternatives)})(?![\p{{L}}\p{{N}}_])";
    }

    static string ToPattern(string word)
    {
        var trimmed = word.Trim();
        var wildcard = trimmed.EndsWith('*');
        if (wildcard) trimmed = trimmed[..^1];
        var parts = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        return string.Join(@"\s+", parts) + (wildcard ? @"[\p{L}\p{N}_]*" : "");
    }
}
