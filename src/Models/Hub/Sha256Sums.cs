namespace Cai.Models.Hub;

/// <summary>Parses SHA256SUMS files (<c>&lt;64 hex&gt;  &lt;file&gt;</c> per line, as sha256sum writes them).</summary>
public static class Sha256Sums
{
    /// <summary>File name to lowercase hex hash.</summary>
    /// <exception cref="FormatException">A line is malformed; the message names the source and line.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string text, string source = "SHA256SUMS")
    {
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
                continue;
            var space = line.IndexOf(' ');
            var hash = space < 0 ? line : line[..space];
            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit) || space < 0)
                throw new FormatException($"{source}: line {i + 1}: expected '<sha256> <file>', found '{line}'");
            sums[line[(space + 1)..].TrimStart(' ', '*')] = hash.ToLowerInvariant();
        }
        return sums;
    }
}
