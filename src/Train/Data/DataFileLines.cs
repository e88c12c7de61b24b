using System.IO.Compression;
using System.Text.Json;
using Cai.Core.Text;

namespace Cai.Train.Data;

/// <summary>
/// Streams the JSON objects of a <c>.jsonl</c> or <c>.jsonl.gz</c> file, and parses them into examples for the readers; a line
/// that is not a JSON object is dropped into the report.
/// </summary>
internal static class DataFileLines
{
    public static IEnumerable<(int Line, JsonElement Root)> Read(string path, DataReport report)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"training data file not found: '{path}'", path);
        using Stream file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new Utf8LineReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var number = line.Number;
            if (line.Text is not { } text)
            {
                // Never silently decoded into U+FFFD: the line is dropped into the report with its column.
                report.Drop(path, number, "invalid UTF-8", $"byte 0x{line.InvalidByte:X2}; save the file as UTF-8", line.InvalidColumn);
                continue;
            }
            if (string.IsNullOrWhiteSpace(text))
                continue;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                report.Drop(path, number, "invalid JSON", ex.Message);
                continue;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    report.Drop(path, number, "invalid JSON", "expected an object");
                    continue;
                }

                report.CountRead();
                yield return (number, document.RootElement.Clone());
            }
        }
    }

    /// <summary>
    /// The examples <paramref name="parse"/> makes of the file's objects, in order. A line it refuses with a
    /// <see cref="DataFieldException"/> is dropped into the report as a bad field; null means it dropped the line itself.
    /// </summary>
    public static IReadOnlyList<T> Parse<T>(string path, DataReport report, Func<JsonElement, int, T?> parse) where T : class
    {
        var examples = new List<T>();
        foreach (var (line, root) in Read(path, report))
        {
            try
            {
                if (parse(root, line) is { } example)
                    examples.Add(example);
            }
            catch (DataFieldException ex)
            {
                report.Drop(path, line, "bad field", ex.Message);
            }
        }

        return examples;
    }

    public static string IdOf(JsonElement root, int line) =>
        root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : $"line-{line}";
}
