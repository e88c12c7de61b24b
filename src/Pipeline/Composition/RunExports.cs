using Cai.Core.Records;
using Cai.Core.Storage;
using Cai.Pipeline.Config;
using Cai.Preference;
using Cai.Revise;
using Microsoft.Extensions.Logging;

namespace Cai.Pipeline.Composition;

/// <summary>
/// After a run: the pairs in <c>prefs.jsonl</c> filtered again across the whole file (duplicates from separate runs,
/// over-long answers), split into train and test by a seeded draw per prompt (all pairs of a prompt land on one side),
/// and written to <c>pairs/</c> in TRL's conversational columns as JSONL and Parquet, plus unpaired
/// <c>prompt/completion/label</c> rows for KTO. Every row keeps its id, label probability, source, principle ids and
/// lineage beside TRL's columns, so <c>cai train</c> trains on what the prefs stage wrote (soft labels included).
/// Rewritten from <c>prefs.jsonl</c> each time, so the exports always match the store.
/// </summary>
public static class RunExports
{
    /// <summary>The folder of a run the exports are written to.</summary>
    public const string Folder = "pairs";

    /// <summary>
    /// Where <paramref name="format"/>'s train split (or, <paramref name="heldOut"/>, its test split) is written, the one
    /// naming the exports and the <c>train:</c> step that reads them share: <c>pairs/train.jsonl</c>,
    /// <c>pairs/test.parquet</c>, <c>pairs/train.kto.jsonl</c>, <c>pairs/sft.jsonl</c>, <c>pairs/sft.test.jsonl</c>.
    /// </summary>
    public static string PathOf(string runDir, ExportFormat format, bool heldOut)
    {
        var split = heldOut ? "test" : "train";
        return Path.Combine(runDir, Folder, format switch
        {
            ExportFormat.Parquet => $"{split}.parquet",
            ExportFormat.Kto => $"{split}.kto.jsonl",
            ExportFormat.Sft => heldOut ? "sft.test.jsonl" : "sft.jsonl",
            _ => $"{split}.jsonl",
        });
    }

    /// <summary>Writes the exports of <paramref name="config"/> under <c>runDir/pairs</c>; returns the files written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(PipelineConfig config, string runDir, ILogger logger,
        CancellationToken cancellationToken)
    {
        var written = new List<string>();
        await WritePairsAsync(config, runDir, written, logger, cancellationToken).ConfigureAwait(false);
        if (config.Pairs.Exports.Contains(ExportFormat.Sft))
            await WriteSftAsync(config, runDir, written, logger, cancellationToken).ConfigureAwait(false);
        return written;
    }

    static async Task WritePairsAsync(PipelineConfig config, string runDir, List<string> written, ILogger logger,
        CancellationToken cancellationToken)
    {
        var source = StageFiles.Records(runDir, PairsStage.StageName);
        if (!File.Exists(source))
            return;
        var filter = new PairFilter(config.Pairs.Filters);
        var read = JsonlReader.ReadAll<PreferencePair>(source);
        var pairs = read.Records.Select(l => l.Record).Where(p => filter.Check(p) is null).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var (train, test) = TrainTestSplit.Split(pairs, TrainTestSplit.PromptKey, config.Seed, config.Pairs.TestFraction);
        var dir = Directory.CreateDirectory(Path.Combine(runDir, Folder)).FullName;
        foreach (var (heldOut, rows) in new[] { (false, train), (true, test) })
        {
            if (heldOut && config.Pairs.TestFraction == 0)
                continue;
            foreach (var format in config.Pairs.Exports.Where(f => f != ExportFormat.Sft))
            {
                var path = PathOf(runDir, format, heldOut);
                await (format switch
                {
                    ExportFormat.Parquet => PairExport.WriteParquetAsync(path, rows, cancellationToken),
                    ExportFormat.Kto => PairExport.WriteJsonlAsync(path, KtoRows.From(rows), cancellationToken),
                    _ => PairExport.WriteJsonlAsync(path, rows, cancellationToken),
                }).ConfigureAwait(false);
                written.Add(path);
            }
        }
        logger.LogInformation("Exported {Train} train and {Test} test pairs to {Dir} ({Dropped} filtered out)",
            train.Count, test.Count, dir, read.Records.Count - pairs.Count);
    }

    // SL-CAI: the revise stage's final revisions as SFT rows, split by prompt with the pairs' seed and fraction, so a
    // prompt held out of the pairs is held out of the SFT rows too.
    static async Task WriteSftAsync(PipelineConfig config, string runDir, List<string> written, ILogger logger,
        CancellationToken cancellationToken)
    {
        var source = StageFiles.Records(runDir, new ReviseOptions().Name);
        if (!File.Exists(source))
            return;
        var revised = JsonlReader.ReadAll<RevisedRecord>(source).Records.Select(l => l.Record).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var rows = SftRows.From(revised, config.Pairs.SftCritiques).ToList();
        var prompts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in revised)
            prompts.TryAdd(record.Id, TrainTestSplit.PromptKey(record.Messages));
        var (train, test) = TrainTestSplit.Split(rows, r => prompts[r.Id], config.Seed, config.Pairs.TestFraction);
        var dir = Directory.CreateDirectory(Path.Combine(runDir, Folder)).FullName;
        foreach (var (heldOut, split) in new[] { (false, train), (true, test) })
        {
            if (heldOut && config.Pairs.TestFraction == 0)
                continue;
            var path = PathOf(runDir, ExportFormat.Sft, heldOut);
            await PairExport.WriteJsonlAsync(path, split, cancellationToken).ConfigureAwait(false);
            written.Add(path);
        }
        logger.LogInformation("Exported {Train} train and {Test} test SFT rows to {Dir} ({Dropped} revisions were poor targets)",
            train.Count, test.Count, dir, revised.Count - rows.Count);
    }
}
