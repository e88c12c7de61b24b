using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cai.Core.Storage;

/// <summary>
/// The append-only output of one stage in a run directory: <c>&lt;stage&gt;.jsonl</c> for records and
/// <c>&lt;stage&gt;.failed.jsonl</c> for failures. Opening scans both, repairs a line torn by a crash and loads the ids
/// already written, so a restarted stage skips them. Appends are thread-safe, one write of one line each, handed to
/// the OS before they return: a killed process loses at most the line being written. The failures file is created at
/// the first failure.
/// </summary>
public sealed partial class StageStore : IAsyncDisposable, IDisposable
{
    readonly StageStoreOptions options;
    readonly SemaphoreSlim writeGate = new(1, 1);
    readonly Lock idsLock = new();
    readonly HashSet<string> done;
    readonly HashSet<string> failed;
    readonly FileStream output;
    FileStream? failures; // opened at the first failure: a stage (or a ledger) that never fails leaves no empty file
    int duplicatesSkipped;

    StageStore(string stageName, string outputPath, string failedPath, StageFileScan outputScan, StageFileScan failedScan,
        StageStoreOptions options)
    {
        StageName = stageName;
        OutputPath = outputPath;
        FailedPath = failedPath;
        this.options = options;
        done = outputScan.Ids;
        failed = failedScan.Ids;
        RepairedBytes = outputScan.TornBytes + failedScan.TornBytes;
        duplicatesSkipped = outputScan.DuplicateLines;
        output = OpenAppend(outputPath);
    }

    /// <summary>The stage name, e.g. <c>critique</c>.</summary>
    public string StageName { get; }

    /// <summary>The records file, <c>&lt;runDir&gt;/&lt;stage&gt;.jsonl</c>.</summary>
    public string OutputPath { get; }

    /// <summary>The failures file, <c>&lt;runDir&gt;/&lt;stage&gt;.failed.jsonl</c>.</summary>
    public string FailedPath { get; }

    /// <summary>Bytes of torn lines cut from the two files when the store was opened (0 after a clean stop).</summary>
    public long RepairedBytes { get; }

    /// <summary>How many distinct ids the records file holds.</summary>
    public int Count { get { lock (idsLock) return done.Count; } }

    /// <summary>Appends skipped because their id was already written (plus duplicate lines found on open).</summary>
    public int DuplicatesSkipped => Volatile.Read(ref duplicatesSkipped);

    /// <summary>A snapshot of the ids in the failures file, for <c>--retry-failed</c>.</summary>
    public IReadOnlyCollection<string> FailedIds { get { lock (idsLock) return failed.ToArray(); } }

    /// <summary>Whether a record with <paramref name="id"/> has been written: a resumed stage skips it.</summary>
    public bool Contains(string id) { lock (idsLock) return done.Contains(id); }

    /// <summary>Whether a failure with <paramref name="id"/> has been recorded.</summary>
    public bool HasFailed(string id) { lock (idsLock) return failed.Contains(id); }

    /// <summary>Opens (creating when needed) the store of <paramref name="stageName"/> in <paramref name="runDir"/>.</summary>
    /// <exception cref="ArgumentException">The stage name is empty or not a plain file name.</exception>
    public static StageStore Open(string runDir, string stageName, StageStoreOptions? options = null,
        ILogger<StageStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDir);
        if (string.IsNullOrWhiteSpace(stageName) || stageName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || stageName.Contains('/') || stageName.Contains('\\') || stageName.StartsWith('.'))
            throw new ArgumentException($"Stage name '{stageName}' must be a plain file name.", nameof(stageName));
        logger ??= NullLogger<StageStore>.Instance;
        Directory.CreateDirectory(runDir);
        var outputPath = StageFiles.Records(runDir, stageName);
        var failedPath = StageFiles.Failed(runDir, stageName);
        return new StageStore(stageName, outputPath, failedPath, ScanAndRepair(outputPath, logger),
            ScanAndRepair(failedPath, logger), options ?? new StageStoreOptions());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        output.Dispose();
        failures?.Dispose();
        writeGate.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await output.DisposeAsync().ConfigureAwait(false);
        if (failures is not null)
            await failures.DisposeAsync().ConfigureAwait(false);
        writeGate.Dispose();
    }
}
