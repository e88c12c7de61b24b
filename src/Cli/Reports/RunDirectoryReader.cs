using System.Text.Json;
using System.Text.Json.Nodes;
using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Core.Storage;
using Cai.Pipeline.Evaluation;

namespace Cai.Cli.Reports;

/// <summary>
/// Reads what a report shows from a run directory: <c>manifest.json</c>, every <c>&lt;stage&gt;.jsonl</c> and
/// <c>&lt;stage&gt;.failed.jsonl</c> at its top level, and any <c>metrics.jsonl</c> and <c>eval*.json</c> below it.
/// Nothing here throws for missing or bad files; each becomes a note.
/// </summary>
public static class RunDirectoryReader
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
        var stageFiles = Directory.GetFiles(runDirectory, "*.jsonl")
            .Where(f => !f.EndsWith(".failed.jsonl", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        var chains = new List<RevisedRecord>();
        var usage = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var labelProbs = new List<double>();
        var pairs = 0;
        foreach (var file in stageFiles)
        {
            var revised = JsonlReader.ReadAll<RevisedRecord>(file).Records.Select(l => l.Record).ToList();
            foreach (var round in revised.SelectMany(r => r.Rounds))
                usage[round.PrincipleId] = usage.GetValueOrDefault(round.PrincipleId) + 1;
            chains.AddRange(revised.Take(ChainExamples - chains.Count));
            if (revised.Count > 0) continue;
            var pairRecords = JsonlReader.ReadAll<PreferencePair>(file).Records.Select(l => l.Record).ToList();
            pairs += pairRecords.Count;
            labelProbs.AddRange(pairRecords.Where(p => p.LabelProb is not null).Select(p => p.LabelProb!.Value));
        }
        var (stages, failures) = CountStages(runDirectory, stageFiles, manifest);
        if (stages.Count == 0) notes.Add("no stage files (<stage>.jsonl) in the run directory");
        if (chains.Count == 0) notes.Add("no critique/revision records (rows with \"rounds\")");
        if (pairs == 0) notes.Add("no preference pairs");
        else if (labelProbs.Count == 0) notes.Add($"{pairs} preference pairs, none with a label_prob");
        return new RunReportData
        {
            RunDirectory = runDirectory,
            Manifest = manifest,
            Stages = stages,
            FailureExamples = failures,
            PrincipleUsage = usage,
            Chains = chains,
            Pairs = pairs,
            LabelProbs = labelProbs,
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

    static (List<StageCount> Stages, List<FailureRecord> Failures) CountStages(string runDirectory,
        IReadOnlyList<string> stageFiles, RunManifest? manifest)
    {
        var names = (manifest?.Stages.Keys ?? []).Concat(stageFiles.Select(f => Path.GetFileNameWithoutExtension(f)))
            .Concat(Directory.GetFiles(runDirectory, "*.failed.jsonl").Select(f => Path.GetFileName(f)[..^".failed.jsonl".Length]))
            .Distinct(StringComparer.Ordinal).ToList();
        var stages = new List<StageCount>();
        var examples = new List<FailureRecord>();
        foreach (var name in names)
        {
            var path = Path.Combine(runDirectory, name + ".jsonl");
            var (records, bad) = (0, 0);
            if (File.Exists(path))
                foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
                    if (IsJsonObject(line)) records++;
                    else bad++;
            var failedPath = Path.Combine(runDirectory, name + ".failed.jsonl");
            var failures = File.Exists(failedPath)
                ? JsonlReader.ReadAll<FailureRecord>(failedPath).Records.Select(l => l.Record).ToList()
                : [];
            examples.AddRange(failures.Take(FailureExamples - examples.Count));
            var kinds = failures.GroupBy(f => f.ErrorKind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count());
            stages.Add(new StageCount(name, records, bad, failures.Count, kinds, manifest?.Stages.GetValueOrDefault(name)));
        }
        return (stages, examples);
    }

    static bool IsJsonObject(string line)
    {
        try { return JsonNode.Parse(line) is JsonObject; }
        catch (JsonException) { return false; }
    }

    static List<TrainingCurves> ReadCurves(string runDirectory, string? trainDirectory, List<string> notes)
    {
        var roots = trainDirectory is null ? [runDirectory] : new[] { runDirectory, trainDirectory };
        var curves = new List<TrainingCurves>();
        foreach (var root in roots.Where(Directory.Exists))
            foreach (var file in Directory.GetFiles(root, "metrics.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
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
