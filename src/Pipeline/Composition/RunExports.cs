using System.Text.Json;
using Cai.Core.Json;
using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Core.Storage;
using Cai.Pipeline.Config;
using Microsoft.Extensions.Logging;
using Parquet.Serialization;

namespace Cai.Pipeline.Composition;

/// <summary>
/// After a run: the pairs in <c>prefs.jsonl</c> filtered (duplicates, over-long answers), split into train and test by
/// a seeded draw per prompt (every pair of a prompt lands on the same side), and written to <c>pairs/</c> in TRL's
/// conversational columns as JSONL and Parquet, plus unpaired <c>prompt/completion/label</c> rows for KTO.
/// Rewritten from <c>prefs.jsonl</c> on every run, so the exports always match the store.
/// </summary>
public static class RunExports
{
    /// <summary>Writes the exports of <paramref name="config"/> under <c>runDir/pairs</c>; returns the files written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(PipelineConfig config, string runDir, ILogger logger,
        CancellationToken cancellationToken)
    {
        var source = Path.Combine(runDir, GroupPairStage.StageName + ".jsonl");
        if (!File.Exists(source))
            return [];
        var pairs = Filter(JsonlReader.ReadAll<PreferencePair>(source).Records.Select(l => l.Record), config.Pairs.Filters, logger)
            .OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var dir = Path.Combine(runDir, "pairs");
        Directory.CreateDirectory(dir);
        var written = new List<string>();
        foreach (var (split, rows) in Split(pairs, config))
        {
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
                    ExportFormat.Parquet => ParquetSerializer.SerializeAsync(rows.Select(PairRow.From), path, cancellationToken: cancellationToken),
                    ExportFormat.Kto => WriteJsonlAsync(path, rows.SelectMany(Unpaired), cancellationToken),
                    _ => WriteJsonlAsync(path, rows.Select(p => new { p.Prompt, p.Chosen, p.Rejected }), cancellationToken),
                }).ConfigureAwait(false);
                written.Add(path);
            }
        }
        logger.LogInformation("Exported {Count} pairs to {Dir}", pairs.Count, dir);
        return written;
    }

    static IEnumerable<PreferencePair> Filter(IEnumerable<PreferencePair> pairs, FilterConfig filters, ILogger logger)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var dropped = 0;
        foreach (var pair in pairs)
        {
            var chosen = string.Concat(pair.Chosen.Select(m => m.Content));
            var rejected = string.Concat(pair.Rejected.Select(m => m.Content));
            var keep = (!filters.DropEmpty || (chosen.Trim().Length > 0 && rejected.Trim().Length > 0))
                       && (!filters.DropIdentical || chosen.Trim() != rejected.Trim())
                       && (filters.MaxLength is not { } max || (chosen.Length <= max && rejected.Length <= max))
                       && (!filters.DropDuplicates || seen.Add(ContentId.Of([.. pair.Prompt, .. pair.Chosen, .. pair.Rejected])));
            if (keep) yield return pair;
            else dropped++;
        }
        if (dropped > 0)
            logger.LogInformation("Filters dropped {Dropped} pairs", dropped);
    }

    static IEnumerable<(string Split, List<PreferencePair> Rows)> Split(List<PreferencePair> pairs, PipelineConfig config)
    {
        bool IsTest(PreferencePair p) =>
            SeededRandom.For(config.Seed, "split/" + ContentId.Of(p.Prompt)).NextDouble() < config.Pairs.TestFraction;
        yield return ("train", pairs.Where(p => !IsTest(p)).ToList());
        if (config.Pairs.TestFraction > 0)
            yield return ("test", pairs.Where(IsTest).ToList());
    }

    static IEnumerable<UnpairedExample> Unpaired(PreferencePair pair)
    {
        yield return new UnpairedExample { Id = pair.Id + "-chosen", Prompt = pair.Prompt, Completion = pair.Chosen, Label = true };
        yield return new UnpairedExample { Id = pair.Id + "-rejected", Prompt = pair.Prompt, Completion = pair.Rejected, Label = false };
    }

    static async Task WriteJsonlAsync<T>(string path, IEnumerable<T> rows, CancellationToken ct)
    {
        var temp = path + ".tmp";
        await using (var writer = new StreamWriter(temp))
            foreach (var row in rows)
                await writer.WriteLineAsync(JsonSerializer.Serialize(row, CaiJson.Options).AsMemory(), ct).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
