using System.Text;
using System.Text.Json;

namespace Cai.Core.Runs;

/// <summary>
/// Joins the run directories of <c>--shard k/n</c> workers into one (<c>cai merge</c>). Each top-level <c>*.jsonl</c>
/// (stage records, <c>.failed</c> and <c>.consumed</c> ledgers) is merged line by line in the order the directories
/// are given. The rule for ids: in a records or ledger file an id is kept once; the same id again with the same
/// content (a shard merged twice) is dropped and counted; the same id with different content is refused, since two
/// workers produced different records for one input. In a <c>.failed.jsonl</c> every distinct line is kept (a
/// failure is appended once per attempt). A torn or non-JSON line is refused: rerun that shard to repair it first.
/// Subfolders (<c>pairs/</c> exports, <c>logs/</c>, <c>train/</c>) are not merged: exports are rebuilt from the merged
/// records by rerunning <c>cai run</c> on the merged directory.
/// </summary>
public static class RunMerge
{
    /// <summary>What one merged file received.</summary>
    /// <param name="File">The file name, e.g. <c>generate.jsonl</c>.</param>
    /// <param name="Lines">Lines written to the merged file.</param>
    /// <param name="DuplicatesDropped">Identical lines (same id, same content) dropped.</param>
    public sealed record FileResult(string File, int Lines, int DuplicatesDropped);

    /// <summary>Merges <paramref name="shardDirs"/> into <paramref name="outDir"/>, which must hold no stage files yet.</summary>
    /// <exception cref="InvalidDataException">A conflicting id, a bad line, shards of different runs, or a non-empty output.</exception>
    /// <exception cref="RunDirectoryLockedException">A shard or the output is in use by a running process.</exception>
    public static async Task<IReadOnlyList<FileResult>> MergeAsync(IReadOnlyList<string> shardDirs, string outDir, TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shardDirs);
        var dirs = shardDirs.Select(Path.GetFullPath).ToArray();
        var output = Path.GetFullPath(outDir);
        if (dirs.Length == 0)
            throw new InvalidDataException("merge: give at least one run directory");
        if (dirs.Contains(output))
            throw new InvalidDataException($"merge: the output '{output}' is also an input");
        var manifests = new List<RunManifest>();
        foreach (var dir in dirs)
            manifests.Add(File.Exists(Path.Combine(dir, RunManifestFile.FileName))
                ? await RunManifestFile.LoadAsync(dir, cancellationToken).ConfigureAwait(false)
                : throw new InvalidDataException($"merge: '{dir}' is not a run directory (no {RunManifestFile.FileName})"));
        CheckSameRun(dirs, manifests);

        // Hold every lock for the whole merge: no shard may still be writing, and no run may start in the output.
        var locks = new List<RunDirectoryLock>();
        try
        {
            foreach (var dir in dirs.Distinct(StringComparer.Ordinal).Append(output))
                locks.Add(RunDirectoryLock.Acquire(dir));
            if (Directory.EnumerateFiles(output, "*.jsonl").FirstOrDefault() is { } existing)
                throw new InvalidDataException($"merge: the output already holds stage files ({existing}); merge into a new directory");
            var names = dirs.SelectMany(d => Directory.EnumerateFiles(d, "*.jsonl")).Select(Path.GetFileName).OfType<string>()
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var results = new List<FileResult>();
            foreach (var name in names)
                results.Add(await MergeFileAsync(dirs, output, name, cancellationToken).ConfigureAwait(false));
            await RunManifestFile.SaveAsync(Manifest(output, dirs, manifests, results, time), output, cancellationToken).ConfigureAwait(false);
            return results;
        }
        finally
        {
            foreach (var held in locks)
                held.Dispose();
        }
    }

    static void CheckSameRun(string[] dirs, List<RunManifest> manifests)
    {
        for (var i = 1; i < manifests.Count; i++)
            if (manifests[i].ConstitutionHash != manifests[0].ConstitutionHash || manifests[i].Seed != manifests[0].Seed)
                throw new InvalidDataException(
                    $"merge: '{dirs[i]}' comes from a different run than '{dirs[0]}' (constitution hash or seed differ)");
    }

    static async Task<FileResult> MergeFileAsync(string[] dirs, string output, string name, CancellationToken ct)
    {
        var keepEveryDistinctLine = name.EndsWith(Storage.StageFiles.FailedSuffix, StringComparison.Ordinal);
        var seen = new Dictionary<string, (string Line, string Where)>(StringComparer.Ordinal);
        var merged = new StringBuilder();
        int lines = 0, dropped = 0;
        foreach (var dir in dirs)
        {
            var path = Path.Combine(dir, name);
            if (!File.Exists(path))
                continue;
            var number = 0;
            await foreach (var line in File.ReadLinesAsync(path, ct).ConfigureAwait(false))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                var key = keepEveryDistinctLine ? line : IdOf(path, number, line);
                if (seen.TryGetValue(key, out var first))
                {
                    if (first.Line != line)
                        throw new InvalidDataException(
                            $"merge: id '{key}' is in {first.Where} and {path}:{number} with different content; these shards come from different runs");
                    dropped++;
                    continue;
                }
                seen[key] = (line, $"{path}:{number}");
                merged.Append(line).Append('\n');
                lines++;
            }
        }
        await Storage.AtomicFile.WriteAllTextAsync(Path.Combine(output, name), merged.ToString(), ct).ConfigureAwait(false);
        return new FileResult(name, lines, dropped);
    }

    static string IdOf(string path, int number, string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text)
                return text;
            throw new InvalidDataException($"{path}:{number}: merge: the line has no string 'id' (field 'id')");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"{path}:{number}: merge: not a JSON line ({ex.Message.Split('.')[0]}); rerun that shard once to repair it, then merge", ex);
        }
    }

    static RunManifest Manifest(string output, string[] dirs, List<RunManifest> manifests, List<FileResult> results, TimeProvider time)
    {
        var count = results.ToDictionary(r => r.File, r => r.Lines, StringComparer.Ordinal);
        var stages = manifests.SelectMany(m => m.Stages.Keys).Distinct(StringComparer.Ordinal);
        var manifest = manifests[0] with
        {
            RunId = Path.GetFileName(output),
            StartedAt = manifests.Min(m => m.StartedAt),
            FinishedAt = manifests.All(m => m.FinishedAt is not null) ? time.GetUtcNow() : null,
            MergedFrom = dirs,
            Stages = new Dictionary<string, StageSummary>(),
        };
        foreach (var stage in stages)
            manifest = manifest.WithStage(stage, new StageSummary
            {
                Written = count.GetValueOrDefault(stage + Storage.StageFiles.RecordsSuffix),
                // The manifest's meaning of failed: a retry that succeeded resolved a failure.
                Failed = Storage.StageFailures.Read(output, stage).Unresolved.Count,
            });
        return manifest;
    }
}
