using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Core.Storage;
using Cai.Pipeline.Evaluation;

namespace Cai.Cli.Reports;

/// <summary>
/// Reads what a report shows from a run directory: <c>manifest.json</c>, every <c>&lt;stage&gt;.jsonl</c> and
/// <c>&lt;stage&gt;.failed.jsonl</c> at its top level (failures through <see cref="StageFailures"/>), and any <c>metrics.jsonl</c> and <c>eval*.json</c> below it.
/// Nothing here throws for missing or bad files; each becomes a note.
/// </summary>
internal static class RunDirectoryReader
{
    const int ChainExamples = 3;
    const int FailureExamples = 5;

    /// <summary>Reads <paramref name="runDirectory"/>, plus training metrics under <paramref name="trainDirectory"/> when given.</summary>
    /// <exception cref="DirectoryNotFoundException">The run directory does not exist.</exception>
    public static async Task<RunReportData> ReadAsync(string runDirectory, string? trainDirectory = null,
        CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(runDirectory))
            throw new DirectoryNotFoundException($"Run directory not found: '{runDirectory}'.");
        var notes = new List<string>();
        var manifest = await ReadManifestAsync(runDirectory, notes, cancellationToken);
        var scan = new RunFileScan(ChainExamples);
        var (stages, failures) = CountStages(runDirectory, manifest, scan);
        if (stages.Count == 0) notes.Add("no stage files (<stage>.jsonl) in the run directory");
        if (scan.Chains.Count == 0) notes.Add("no critique/revision records (rows with \"rounds\")");
        if (scan.Pairs == 0) notes.Add("no preference pairs");
        else if (scan.LabelProbs.Count == 0) notes.Add($"{scan.Pairs} preference pairs, none with a label_prob");
        return new RunReportData
        {
            RunDirectory = runDirectory,
            Manifest = manifest,
            Stages = stages,
            FailureExamples = failures,
            PrincipleUsage = scan.PrincipleUsage,
            Chains = scan.Chains,
            Pairs = scan.Pairs,
            LabelProbs = scan.LabelProbs,
            Curves = ReadCurves(runDirectory, trainDirectory, notes),
            Evaluations = ReadEvaluations(runDirectory, notes),
            Notes = notes,
        };
    }

    static async Task<RunManifest?> ReadManifestAsync(string runDirectory, List<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            return await RunManifestFile.LoadAsync(runDirectory, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or IOException)
        {
            notes.Add(ex is FileNotFoundException ? "no manifest.json" : $"manifest.json unreadable: {ex.Message}");
            return null;
        }
    }

    // Stage files are <stage>.jsonl and <stage>.failed.jsonl; names with a dot (the runner's <stage>.consumed ledgers)
    // are bookkeeping, not stages.
    static IEnumerable<string> StageNames(string runDirectory, string suffix) =>
        Directory.GetFiles(runDirectory, "*" + suffix).Select(f => Path.GetFileName(f)[..^suffix.Length])
            .Where(n => n.Length > 0 && !n.Contains('.'));

    static (List<StageCount> Stages, List<FailureRecord> Failures) CountStages(string runDirectory, RunManifest? manifest,
        RunFileScan scan)
    {
        var names = (manifest?.Stages.Keys ?? [])
            .Concat(StageNames(runDirectory, StageFiles.RecordsSuffix).Order(StringComparer.Ordinal))
            .Concat(StageNames(runDirectory, StageFiles.FailedSuffix).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
        var stages = new List<StageCount>();
        var examples = new List<FailureRecord>();
        foreach (var name in names)
        {
            var path = StageFiles.Records(runDirectory, name);
            var (records, bad) = (scan.Records, scan.UnreadableLines);
            if (File.Exists(path)) scan.Add(path);
            // Counted as the manifest counts them: one per id, failures a retry resolved apart.
            var failures = StageFailures.Read(runDirectory, name);
            examples.AddRange(failures.Unresolved.Take(FailureExamples - examples.Count));
            var kinds = failures.Unresolved.GroupBy(f => f.ErrorKind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count());
            stages.Add(new StageCount(name, scan.Records - records, scan.UnreadableLines - bad, failures.Unresolved.Count, kinds,
                failures.Resolved.Count, manifest?.Stages.GetValueOrDefault(name)));
        }
        return (stages, examples);
    }

    static List<TrainingCurves> ReadCurves(string runDirectory, string? trainDirectory, List<string> notes)
    {
        var roots = trainDirectory is null ? [runDirectory] : new[] { runDirectory, trainDirectory };
        var curves = new List<TrainingCurves>();
        // A training directory inside the run directory (runs/x/train) is found from both roots: each file is read once.
        var files = roots.Where(Directory.Exists)
            .SelectMany(root => Directory.GetFiles(root, MetricsLog.FileName, SearchOption.AllDirectories))
            .Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var read = MetricsFileReader.Read(file, out var bad);
            if (bad > 0) notes.Add($"{file}: {bad} unreadable lines skipped");
            if (read.Series.Count > 0) curves.Add(read);
        }
        if (trainDirectory is not null && !Directory.Exists(trainDirectory))
            notes.Add($"training directory '{trainDirectory}' not found");
        if (curves.Count == 0) notes.Add("no training metrics (metrics.jsonl)");
        return curves;
    }

    static List<(string, EvalReport)> ReadEvaluations(string runDirectory, List<string> notes)
    {
        var reports = new List<(string, EvalReport)>();
        foreach (var file in Directory.GetFiles(runDirectory, "eval*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            try { reports.Add((file, EvalReportFile.Load(file))); }
            catch (InvalidDataException ex) { notes.Add($"{file} is not an eval report: {ex.Message}"); }
        if (reports.Count == 0) notes.Add("no evaluation reports (eval*.json)");
        return reports;
    }
}
