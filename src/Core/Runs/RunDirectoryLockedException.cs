namespace Cai.Core.Runs;

/// <summary>A run directory is locked by another process: one line naming the directory and the holder's pid.</summary>
public sealed class RunDirectoryLockedException(string directory, int? holderPid, Exception? inner = null)
    : IOException(Describe(directory, holderPid), inner)
{
    /// <summary>The locked run directory.</summary>
    public string Directory { get; } = directory;

    /// <summary>The pid of the process holding the lock, when it could be read.</summary>
    public int? HolderPid { get; } = holderPid;

    static string Describe(string directory, int? pid) =>
        $"run directory '{directory}' is in use by another cai process (pid {(pid is { } p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown")}); "
        + "wait for it to finish, or give each worker its own --run-dir (e.g. --shard k/n)";
}
