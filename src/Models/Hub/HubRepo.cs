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
            throw new ArgumentException($"'{spec}' is not a Hub repo: expected owner/name[@revision]");
        if (revision.Length == 0 || revision.Contains("..", StringComparison.Ordinal) || revision.Contains('\\'))
            throw new ArgumentException($"'{spec}' has an invalid revision '{revision}'");
        return new HubRepo(id, revision);
    }

    /// <summary>
    /// Parses a path into a repo as huggingface_hub's <c>HfFileSystem</c> writes it: <c>owner/name[@revision][/path/in/repo]</c>,
    /// with a revision that holds '/' URL-encoded (<c>refs%2Fpr%2F1</c>).
    /// </summary>
    /// <returns>The repo, and the file path inside it or null when the path names the whole repo.</returns>
    /// <exception cref="ArgumentException">The path does not start with owner/name[@revision].</exception>
    public static (HubRepo Repo, string? File) ParsePath(string path)
    {
        var parts = path.Split('/', 3);
        if (parts.Length < 2)
            throw new ArgumentException($"'{path}' is not a Hub repo: expected owner/name[@revision][/path]");
        var repo = Parse($"{parts[0]}/{Uri.UnescapeDataString(parts[1])}");
        return (repo, parts.Length == 3 && parts[2].Length > 0 ? parts[2] : null);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id}@{Revision}";
}
