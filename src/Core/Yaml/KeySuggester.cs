namespace Cai.Core.Yaml;

/// <summary>Finds the known key nearest to a misspelt one, for "did you mean" hints.</summary>
static class KeySuggester
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

    // Levenshtein distance with one rolling row.
    static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
