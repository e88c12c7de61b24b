using Cai.Core.Records;

namespace Cai.Core.Storage;

/// <summary>
/// What a run directory says failed in one stage. <c>&lt;stage&gt;.failed.jsonl</c> is append-only, one line per failed
/// attempt, and is never rewritten, so a crash cannot lose a failure and the history of a retried item stays on file.
/// An id that the stage's consumed ledger (<c>&lt;stage&gt;.consumed.jsonl</c>) lists was later handled in full — a
/// <c>--retry-failed</c> that succeeded — so its failures are resolved. The run manifest, <c>cai merge</c> and
/// <c>cai report</c> all count failures this one way: distinct ids, resolved ones apart.
/// </summary>
/// <param name="Unresolved">The latest failure of each id with no later success, in the order the ids first failed.</param>
/// <param name="Resolved">The latest failure of each id a later attempt handled in full.</param>
public sealed record StageFailures(IReadOnlyList<FailureRecord> Unresolved, IReadOnlyList<FailureRecord> Resolved)
{
    /// <summary>Reads the failures of <paramref name="stage"/> in <paramref name="runDir"/>; none when the files are absent.</summary>
    public static StageFailures Read(string runDir, string stage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        var failedPath = StageFiles.Failed(runDir, stage);
        if (!File.Exists(failedPath))
            return new StageFailures([], []);
        // The latest line of an id carries all its attempts so far (a retried failure adds the earlier ones).
        var latest = new Dictionary<string, FailureRecord>(StringComparer.Ordinal);
        foreach (var line in JsonlReader.Read<FailureRecord>(failedPath, _ => { }))
            latest[line.Record.Id] = line.Record;
        var consumedPath = StageFiles.Consumed(runDir, stage);
        var consumed = File.Exists(consumedPath) ? StageFileScanner.Scan(consumedPath).Ids : [];
        return new StageFailures(
            [.. latest.Values.Where(f => !consumed.Contains(f.Id))],
            [.. latest.Values.Where(f => consumed.Contains(f.Id))]);
    }
}
