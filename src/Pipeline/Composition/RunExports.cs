using Cai.Core.Records;
using Cai.Core.Storage;
using Cai.Pipeline.Config;
using Cai.Preference;
using Microsoft.Extensions.Logging;

namespace Cai.Pipeline.Composition;

/// <summary>
/// After a run: the pairs in <c>prefs.jsonl</c> filtered again across the whole file (duplicates from separate runs,
/// over-long answers), split into train and test by a seeded draw per prompt (all pairs of a prompt land on one side),
/// and written to <c>pairs/</c> in TRL's conversational columns as JSONL and Parquet, plus unpaired
/// <c>prompt/completion/label</c> rows for KTO.
/// Rewritten from <c>prefs.jsonl</c> each time, so the exports always match the store.
/// </summary>
public static class RunExports
{
    /// <summary>Writes the exports of <paramref name="config"/> under <c>runDir/pairs</c>; returns the files written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(PipelineConfig config, string runDir, ILogger logger,
        CancellationToken cancellationToken)
    {
        var source = Path.Combine(runDir, PairsStage.StageName + ".jsonl");
        if (!File.Exists(source))
            return [];
        var filter = new PairFilter(new PairFilterOptions { MaxChars = config.Pairs.Filters.MaxLength, DropDuplicates = config.Pairs.Filters.DropDuplicates });
        var read = JsonlReader.ReadAll<PreferencePair>(source);
        var pairs = read.Records.Select(l => l.Record).Where(p => filter.Check(p) is null).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var (train, test) = TrainTestSplit.Split(pairs, TrainTestSplit.PromptKey, config.Seed, config.Pairs.TestFraction);
        var dir = Path.Combine(runDir, "pairs");
        Directory.CreateDirectory(dir);
        var written = new List<string>();
        foreach (var (split, rows) in new[] { ("train", train), ("test", test) })
        {
            if (split == "test" && config.Pairs.TestFraction == 0)
                continue;
            foreach (var format in config.Pairs.Exports)
            {
                var path = Path.Combine(dir, format switch
                {
                    ExportFormat.Parquet => $"{split}.parquet",
                    ExportFormat.Kto => $"{split}.kto.jsonl",
                    _ => $"{split}.jsonl",
                });
                await (format switch
                {
                    ExportFormat.Parquet => PairExport.WriteParquetAsync(path, rows, cancellationToken),
                    ExportFormat.Kto => PairExport.WriteTrlJsonlAsync(path, KtoRows.From(rows), cancellationToken),
                    _ => PairExport.WriteTrlJsonlAsync(path, rows, cancellationToken),
                }).ConfigureAwait(false);
                written.Add(path);
            }
        }
        logger.LogInformation("Exported {Train} train and {Test} test pairs to {Dir} ({Dropped} filtered out)",
            train.Count, test.Count, dir, read.Records.Count - pairs.Count);
        return written;
    }
}
