using System.Text;

namespace Cai.Core.Storage;

/// <summary>
/// Whole-file writes that readers see either before or after, never half done: a temp file of its own in the same
/// folder (so two processes never share one), flushed to disk, then renamed over the target; the temp file is removed
/// when the write fails. Every file this project writes whole goes through here.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="contents"/> as UTF-8 (no BOM) to <paramref name="path"/> atomically.</summary>
    public static Task WriteAllTextAsync(string path, string contents, CancellationToken cancellationToken = default) =>
        WriteAsync(path, (stream, ct) => stream.WriteAsync(new UTF8Encoding(false).GetBytes(contents), ct).AsTask(), cancellationToken);

    /// <summary>Writes <paramref name="contents"/> as UTF-8 (no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string contents) => Write(path, stream => stream.Write(new UTF8Encoding(false).GetBytes(contents)));

    /// <summary>Writes what <paramref name="write"/> puts in the stream to <paramref name="path"/> atomically.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        var (full, temp) = Temp(path);
        try
        {
            await using (var stream = Open(temp))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="path"/> atomically (over what is there).</summary>
    public static void Copy(string source, string path) => Write(path, stream =>
    {
        using var from = File.OpenRead(source);
        from.CopyTo(stream);
    });

    /// <summary>Writes what <paramref name="write"/> puts in the stream to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var (full, temp) = Temp(path);
        try
        {
            using (var stream = Open(temp))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    // Same directory, so the rename stays on one file system and is atomic.
    static (string Full, string Temp) Temp(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return (full, $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }

    static FileStream Open(string temp) => new(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
}
