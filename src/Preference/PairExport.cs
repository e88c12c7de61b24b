using System.Text;
using System.Text.Json;
using Cai.Core.Json;
using Cai.Core.Records;
using Parquet.Serialization;

namespace Cai.Preference;

/// <summary>
/// Writes preference data where TRL and OpenRLHF can train on it and <c>cai train</c> loses nothing: JSONL with one
/// whole record per line in cai's snake_case JSON (TRL's <c>prompt/chosen/rejected</c> or <c>prompt/completion/label</c>
/// columns, which TRL reads, plus <c>id</c>, <c>source</c>, <c>label_prob</c>, <c>principle_ids</c> and <c>lineage</c>,
/// which TRL ignores), and Parquet with the pair columns as lists of <c>{role, content}</c> structs. Files are written
/// whole to a temporary name and moved into place.
/// </summary>
public static class PairExport
{
    /// <summary>Writes <paramref name="records"/> (pairs or KTO rows) as JSONL.</summary>
    public static async Task WriteJsonlAsync<T>(string path, IEnumerable<T> records, CancellationToken cancellationToken = default)
        where T : IRecord
    {
        ArgumentNullException.ThrowIfNull(records);
        await WriteLinesAsync(path, records.Select(r => JsonSerializer.Serialize(r, CaiJson.Options)), cancellationToken).ConfigureAwait(false);
    }

    static async Task WriteLinesAsync(string path, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        var temp = TempPath(path);
        await using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(false)))
        {
            foreach (var line in lines)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteAsync(line).ConfigureAwait(false);
                await writer.WriteAsync('\n').ConfigureAwait(false);
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Writes <paramref name="pairs"/> as a Parquet file.</summary>
    public static async Task WriteParquetAsync(string path, IEnumerable<PreferencePair> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var temp = TempPath(path);
        await ParquetSerializer.SerializeAsync(pairs.Select(ToRow).ToList(), temp, cancellationToken: cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a Parquet file written by <see cref="WriteParquetAsync"/>.</summary>
    public static async Task<IReadOnlyList<ParquetPairRow>> ReadParquetAsync(string path, CancellationToken cancellationToken = default)
    {
        var rows = await ParquetSerializer.DeserializeAsync<ParquetPairRow>(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. rows.Data];
    }

    /// <summary>The Parquet row of <paramref name="pair"/>.</summary>
    public static ParquetPairRow ToRow(PreferencePair pair) => new()
    {
        Id = pair.Id,
        Prompt = Messages(pair.Prompt),
        Chosen = Messages(pair.Chosen),
        Rejected = Messages(pair.Rejected),
        Source = pair.Source == PreferenceSource.Revision ? "revision" : "feedback",
        LabelProb = pair.LabelProb,
        PrincipleIds = [.. pair.PrincipleIds ?? []],
        Lineage = pair.Lineage is null ? null : JsonSerializer.Serialize(pair.Lineage, CaiJson.Options),
    };

    static List<ParquetMessage> Messages(IReadOnlyList<Message> messages) =>
        [.. messages.Select(m => new ParquetMessage { Role = m.Role.ToString().ToLowerInvariant(), Content = m.Content })];

    static string TempPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return path + ".tmp";
    }
}
