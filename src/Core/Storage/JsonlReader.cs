using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Cai.Core.Json;
using Cai.Core.Records;
using Cai.Core.Text;

namespace Cai.Core.Storage;

/// <summary>
/// Streams records from a <c>.jsonl</c> or <c>.jsonl.gz</c> file. A bad line (invalid JSON, a missing or empty
/// required field, a wrong type) becomes a <see cref="JsonlDiagnostic"/> passed to a callback and reading goes on;
/// blank lines are skipped. Only I/O errors (a missing file, a corrupt gzip stream) throw.
/// </summary>
public static class JsonlReader
{
    /// <summary>Reads the records of <paramref name="path"/> lazily, reporting bad lines to <paramref name="onDiagnostic"/>.</summary>
    public static IEnumerable<JsonlLine<T>> Read<T>(string path, Action<JsonlDiagnostic> onDiagnostic)
    {
        ArgumentNullException.ThrowIfNull(onDiagnostic);
        using var reader = OpenText(path);
        while (reader.ReadLine() is { } line)
            if (Parse<T>(path, line, onDiagnostic) is { } record)
                yield return new JsonlLine<T>(line.Number, record);
    }

    /// <summary>Reads the records of <paramref name="path"/> asynchronously, reporting bad lines to <paramref name="onDiagnostic"/>.</summary>
    public static async IAsyncEnumerable<JsonlLine<T>> ReadAsync<T>(
        string path, Action<JsonlDiagnostic> onDiagnostic, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onDiagnostic);
        using var reader = OpenText(path);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            if (Parse<T>(path, line, onDiagnostic) is { } record)
                yield return new JsonlLine<T>(line.Number, record);
    }

    /// <summary>Reads the whole file into memory: good records and diagnostics. For small inputs and tests.</summary>
    public static JsonlReadResult<T> ReadAll<T>(string path)
    {
        var diagnostics = new List<JsonlDiagnostic>();
        var records = Read<T>(path, diagnostics.Add).ToList();
        return new JsonlReadResult<T>(records, diagnostics);
    }

    // Invalid UTF-8 is a bad line like invalid JSON: reported with its column, never silently turned into U+FFFD.
    static T? Parse<T>(string path, Utf8LineReader.Line line, Action<JsonlDiagnostic> onDiagnostic)
    {
        if (line.Text is { } text)
            return Parse<T>(path, line.Number, text, onDiagnostic);
        onDiagnostic(new JsonlDiagnostic(path, line.Number, line.InvalidReason, null, line.InvalidColumn));
        return default;
    }

    /// <summary>Parses one line; null (after reporting) when it is blank or bad.</summary>
    internal static T? Parse<T>(string path, int lineNumber, string line, Action<JsonlDiagnostic> onDiagnostic)
    {
        if (string.IsNullOrWhiteSpace(line))
            return default;
        try
        {
            var record = JsonSerializer.Deserialize<T>(line, CaiJson.Options);
            if (record is null)
                onDiagnostic(new JsonlDiagnostic(path, lineNumber, "expected a JSON object, got null", null));
            else if (record is IValidatable validatable && validatable.Validate() is { } error)
                onDiagnostic(new JsonlDiagnostic(path, lineNumber, error.Reason, error.Field));
            else
                return record;
        }
        catch (JsonException ex)
        {
            var (field, reason) = JsonErrors.Describe(ex);
            onDiagnostic(new JsonlDiagnostic(path, lineNumber, reason, field));
        }
        return default;
    }

    static Utf8LineReader OpenText(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"JSONL file not found: '{path}'", path);
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            stream = new GZipStream(stream, CompressionMode.Decompress);
        return new Utf8LineReader(stream);
    }
}
