using Microsoft.Extensions.Logging;

namespace Cai.Core.Storage;

public sealed partial class StageStore
{
    /// <summary>Scans a stage file and cuts a torn tail back to the last complete line, logging what it did.</summary>
    static StageFileScan ScanAndRepair(string path, ILogger logger)
    {
        if (!File.Exists(path))
            return new StageFileScan(new HashSet<string>(StringComparer.Ordinal), 0, 0, 0, []);
        var scan = StageFileScanner.Scan(path);
        foreach (var bad in scan.BadLines)
            logger.LogWarning("Unreadable line kept but not counted: {Diagnostic}", bad.ToString());
        if (scan.TornBytes > 0)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read))
            {
                stream.SetLength(scan.ValidLength);
                stream.Flush(flushToDisk: true);
            }
            logger.LogWarning(
                "Repaired torn last line of {Path}: cut {TornBytes} bytes after byte {ValidLength} (a crash mid-write)",
                path, scan.TornBytes, scan.ValidLength);
        }
        if (scan.MissingNewline)
        {
            using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                stream.WriteByte((byte)'\n');
                stream.Flush(flushToDisk: true);
            }
            logger.LogWarning("Added the missing newline after the last record of {Path}", path);
        }
        return scan;
    }
}
