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
}
