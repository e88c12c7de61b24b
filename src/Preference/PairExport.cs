using System.Text;
using System.Text.Json;
using Cai.Core.Json;
using Cai.Core.Records;
using Parquet.Serialization;

namespace Cai.Preference;

/// <summary>
/// Writes preference data where TRL and OpenRLHF can train on it: JSONL with one record per line in cai's snake_case
/// JSON (TRL's <c>prompt/chosen/rejected</c> or <c>prompt/completion/label</c> columns plus id and lineage), and
/// Parquet with the pair columns as lists of <c>{role, content}</c> structs. Files are written whole to a temporary
/// name and moved into place.
/// </summary>
public static class PairExport
{
    /// <summary>Writes <paramref name="records"/> (pairs or KTO rows) as JSONL.</summary>
    public static async Task WriteJsonlAsync<T>(string path, IEnumerable<T> records, CancellationToken cancellationToken = default)
        where T : IRecord
    {
        ArgumentNullException.ThrowIfNull(records);
        var temp = TempPath(path);
        await using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(false)))
        {
            foreach (var record in records)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteAsync(JsonSerializer.Serialize(record, CaiJson.Options)).ConfigureAwait(false);
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
    };

    static List<ParquetMessage> Messages(IReadOnlyList<Message> messages) =>
        [.. messages.Select(m => new ParquetMessage { Role = m.Role.ToString().ToLowerInvariant(), Content = m.Content })];

    static string TempPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return path + ".tmp";
    }
}
