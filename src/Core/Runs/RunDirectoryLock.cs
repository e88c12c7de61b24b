using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Cai.Core.Runs;

/// <summary>
/// One writer per run directory: an exclusive OS lock on <c>&lt;runDir&gt;/.lock</c> (<see cref="FileShare.None"/>,
/// which .NET takes as <c>flock(LOCK_EX)</c> on Unix), held until disposed. The kernel drops it when the process
/// dies, so a killed run never leaves a stale lock behind. The holder writes its pid into the file so a refused
/// process can say who holds it. The file itself stays: deleting a lock file races with a process opening it.
/// </summary>
public sealed class RunDirectoryLock : IDisposable
{
    /// <summary>The lock file's name inside a run directory.</summary>
    public const string FileName = ".lock";

    readonly FileStream stream;

    RunDirectoryLock(string directory, FileStream stream) => (Directory, this.stream) = (directory, stream);

    /// <summary>The locked run directory (full path).</summary>
    public string Directory { get; }

    /// <summary>
    /// Takes the lock on <paramref name="runDir"/> (created when missing) without waiting, before anything in it is
    /// read or written.
    /// </summary>
    /// <exception cref="RunDirectoryLockedException">Another process (or another lock in this one) holds it.</exception>
    public static RunDirectoryLock Acquire(string runDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDir);
        var full = Path.GetFullPath(runDir);
        System.IO.Directory.CreateDirectory(full);
        var path = Path.Combine(full, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            throw new RunDirectoryLockedException(full, ReadHolderPid(path), ex);
        }
        try
        {
            stream.SetLength(0);
            stream.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
            stream.Flush(flushToDisk: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new RunDirectoryLock(full, stream);
    }

    /// <summary>The pid written in <paramref name="lockPath"/> by its holder, or null when it cannot be read.</summary>
    internal static int? ReadHolderPid(string lockPath)
    {
        // .NET's own open takes a shared flock that the holder's exclusive one refuses, so read with plain open(2).
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return null;
        try
        {
            var text = Native.ReadSmallFile(lockPath);
            return int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => stream.Dispose();

    static class Native
    {
        const int ReadOnly = 0; // O_RDONLY

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        static extern int Open(byte[] path, int flags);

        [DllImport("libc", EntryPoint = "read", SetLastError = true)]
        static extern nint Read(int fd, byte[] buffer, nint count);

        [DllImport("libc", EntryPoint = "close")]
        static extern int Close(int fd);

        public static string? ReadSmallFile(string path)
        {
            var fd = Open(Encoding.UTF8.GetBytes(path + "\0"), ReadOnly);
            if (fd < 0)
                return null;
            try
            {
                var buffer = new byte[64];
                var n = Read(fd, buffer, buffer.Length);
                return n <= 0 ? null : Encoding.ASCII.GetString(buffer, 0, (int)n);
            }
            finally
            {
                _ = Close(fd);
            }
        }
    }
}
