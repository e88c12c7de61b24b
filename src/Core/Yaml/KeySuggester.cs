namespace Cai.Core.Yaml;

/// <summary>
/// Finds the known name nearest to a misspelt one, for "did you mean" hints: a config file's unknown key, an unknown
/// command-line option or sub-command.
/// </summary>
public static class KeySuggester
{
    /// <summary>The closest known key within an edit distance of about a third of its length, or null.</summary>
    public static string? Suggest(string key, IEnumerable<string> known)
    {
        var best = known
            .Select(k => (Key: k, Distance: Distance(key.ToLowerInvariant(), k)))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        return best.Key is not null && best.Distance <= Math.Max(1, best.Key.Length / 3) ? best.Key : null;
    }

    // Optimal string alignment distance: Levenshtein's insertions, deletions and substitutions, plus a swap of two
    // neighbours as one edit ("trian" is one edit from "train").
    static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
