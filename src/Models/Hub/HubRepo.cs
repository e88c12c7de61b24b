namespace Cai.Models.Hub;

/// <summary>A Hub repository pinned to a revision (branch, tag or commit).</summary>
/// <param name="Id">owner/name.</param>
/// <param name="Revision">The revision; "main" unless pinned.</param>
public sealed record HubRepo(string Id, string Revision = "main")
{
    /// <summary>Parses <c>owner/name[@revision]</c>.</summary>
    /// <exception cref="ArgumentException">The spec is not owner/name with an optional @revision.</exception>
    public static HubRepo Parse(string spec)
    {
        var at = spec.IndexOf('@');
        var id = at < 0 ? spec : spec[..at];
        var revision = at < 0 ? "main" : spec[(at + 1)..];
        var parts = id.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || p is "." or ".." || p.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
            throw new ArgumentException($"'{spec}' is not a Hub repo: expected owner/name[@revision]", nameof(spec));
        if (revision.Length == 0 || revision.Contains("..", StringComparison.Ordinal) || revision.Contains('\\'))
            throw new ArgumentException($"'{spec}' has an invalid revision '{revision}'", nameof(spec));
        return new HubRepo(id, revision);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id}@{Revision}";
}
