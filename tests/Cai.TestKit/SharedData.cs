namespace Cai.TestKit;

/// <summary>
/// Locates the read-only ../shared folder (models and data sets that are never committed) and the repository
/// root. CAI_SHARED_DIR overrides the default of "../shared" beside the repository root.
/// </summary>
public static class SharedData
{
    /// <summary>The repository root: the nearest ancestor of the test binaries holding cai.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared folder; not checked for existence (see <see cref="Require"/>).</summary>
    public static string Root =>
        Environment.GetEnvironmentVariable("CAI_SHARED_DIR") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>The stories260K model folder.</summary>
    public static string Stories260KDir => Path.Combine(Root, "models", "stories260K");

    /// <summary>The path of a file under the shared folder; fails with a clear message when it is missing.</summary>
    public static string Require(params string[] relative)
    {
        var path = Path.Combine([Root, .. relative]);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException(
                $"Shared test data not found at '{path}'. Tests read models and data from ../shared beside the " +
                "repository (never committed); set CAI_SHARED_DIR to point elsewhere.", path);
        return path;
    }

    /// <summary>A file or folder of the repository itself, e.g. Repo("constitutions", "harmless.yaml").</summary>
    public static string Repo(params string[] relative) => Path.Combine([RepoRoot, .. relative]);

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "cai.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"cai.sln not found above {AppContext.BaseDirectory}");
    }
}
