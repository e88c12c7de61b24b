using System.Text;
using System.Text.Json;
using Cai.Core.Choices;
using Cai.Core.Json;
using Cai.Core.Records;
using Cai.Core.Storage;
using Parquet.Serialization;

namespace Cai.Preference;

/// <summary>
/// Writes preference data where TRL and OpenRLHF can train on it and <c>cai train</c> loses nothing: JSONL with one
/// whole record per line in cai's snake_case JSON (TRL's <c>prompt/chosen/rejected</c> or <c>prompt/completion/label</c>
/// columns, which TRL reads, plus <c>id</c>, <c>source</c>, <c>label_prob</c>, <c>principle_ids</c> and <c>lineage</c>,
/// which TRL ignores), and Parquet with the pair columns as lists of <c>{role, content}</c> structs. Files are written
/// whole through <see cref="AtomicFile"/>.
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

    static Task WriteLinesAsync(string path, IEnumerable<string> lines, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, async (stream, ct) =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            foreach (var line in lines)
            {
                ct.ThrowIfCancellationRequested();
                await writer.WriteAsync(line).ConfigureAwait(false);
                await writer.WriteAsync('\n').ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>Writes <paramref name="pairs"/> as a Parquet file.</summary>
    public static Task WriteParquetAsync(string path, IEnumerable<PreferencePair> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var rows = pairs.Select(ToRow).ToList();
        return AtomicFile.WriteAsync(path, (stream, ct) => ParquetSerializer.SerializeAsync(rows, stream, cancellationToken: ct), cancellationToken);
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
        Source = Choice<PreferenceSource>.Name(pair.Source),
        LabelProb = pair.LabelProb,
        PrincipleIds = [.. pair.PrincipleIds ?? []],
        Lineage = pair.Lineage is null ? null : JsonSerializer.Serialize(pair.Lineage, CaiJson.Options),
    };

    static List<ParquetMessage> Messages(IReadOnlyList<Message> messages) =>
        [.. messages.Select(m => new ParquetMessage { Role = Choice<ChatRole>.Name(m.Role), Content = m.Content })];
}
