using System.Runtime.CompilerServices;
using Cai.Core.Records;
using Cai.Core.Storage;

namespace Cai.Pipeline.Runner;

/// <summary>Streams the records of a stage's input file, stopping at the first bad line with <c>file:line: reason</c>.</summary>
public static class JsonlSource
{
    /// <summary>Reads <paramref name="path"/> (<c>.jsonl</c> or <c>.jsonl.gz</c>) as <typeparamref name="T"/> records.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not a valid record; the message names file, line and field.</exception>
    public static async IAsyncEnumerable<T> ReadAsync<T>(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : IRecord
    {
        var lines = JsonlReader.ReadAsync<T>(path, d => throw new InvalidDataException($"Bad {typeof(T).Name}: {d}"), cancellationToken);
        await foreach (var line in lines.ConfigureAwait(false))
            yield return line.Record;
    }

    /// <summary>
    /// Reads <paramref name="path"/> as the input of a revision: a file of critiqued or revised rows (its first row has
    /// <c>rounds</c>, as <c>cai critique</c>'s output has) as <see cref="RevisedRecord"/>s, so that each continues from
    /// its rounds (a pending critique is revised first); any other file as plain samples.
    /// </summary>
    public static async IAsyncEnumerable<SampleRecord> ReadSamplesAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var source = await HasRoundsAsync(path, cancellationToken).ConfigureAwait(false)
            ? (IAsyncEnumerable<SampleRecord>)ReadAsync<RevisedRecord>(path, cancellationToken)
            : ReadAsync<SampleRecord>(path, cancellationToken);
        await foreach (var record in source.ConfigureAwait(false))
            yield return record;
    }

    // Whether the first row that parses as a JSON object has a "rounds" field.
    static async Task<bool> HasRoundsAsync(string path, CancellationToken cancellationToken)
    {
        await foreach (var line in JsonlReader.ReadAsync<System.Text.Json.JsonElement>(path, _ => { }, cancellationToken).ConfigureAwait(false))
            if (line.Record.ValueKind == System.Text.Json.JsonValueKind.Object)
                return line.Record.TryGetProperty("rounds", out _);
        return false;
    }
}
