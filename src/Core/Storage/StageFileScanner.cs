using System.Buffers;
using System.Text.Json;

namespace Cai.Core.Storage;

/// <summary>
/// Reads a stage file byte by byte-line, collecting the top-level <c>id</c> of every line and finding a torn tail:
/// bytes after the last newline, or a last line that does not parse (a crash mid-write, or zeros a file system
/// left after a power cut).
/// </summary>
internal static class StageFileScanner
{
    public static StageFileScan Scan(string path)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var bad = new List<JsonlDiagnostic>();
        var duplicates = 0;
        var line = new ArrayBufferWriter<byte>();
        var buffer = new byte[1 << 16];
        long position = 0, validLength = 0;
        var lineNumber = 0;
        JsonlDiagnostic? lastBad = null;
        long lastBadStart = 0;

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            while (chunk.Length > 0)
            {
                var newline = chunk.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    line.Write(chunk);
                    position += chunk.Length;
                    break;
                }
                line.Write(chunk[..newline]);
                position += newline + 1;
                chunk = chunk[(newline + 1)..];
                lineNumber++;

                var start = validLength;
                if (lastBad is not null)
                    bad.Add(lastBad);
                lastBad = null;
                switch (TryReadId(line.WrittenSpan, out var id, out var reason))
                {
                    case true when !ids.Add(id!):
                        duplicates++;
                        break;
                    case false when reason is not null:
                        lastBad = new JsonlDiagnostic(path, lineNumber, reason, null);
                        lastBadStart = start;
                        break;
                }
                validLength = position;
                line.ResetWrittenCount();
            }
        }

        // A tail without a newline that still parses is a whole record (hand-written files often lack the last
        // newline): keep it. A strict prefix of a line never parses, since the closing brace comes last.
        var missingNewline = false;
        if (line.WrittenCount > 0 && lastBad is null && TryReadId(line.WrittenSpan, out var tailId, out _))
        {
            missingNewline = true;
            validLength = position;
            if (!ids.Add(tailId!))
                duplicates++;
        }

        // A bad line followed only by a torn tail, or a bad final line, is the crash's leftover: cut it too.
        if (lastBad is not null)
            validLength = lastBadStart;
        return new StageFileScan(ids, validLength, position, duplicates, bad, missingNewline);
    }

    /// <summary>True with the id for a good line; false with a reason for a bad one; false with no reason for a blank one.</summary>
    static bool TryReadId(ReadOnlySpan<byte> line, out string? id, out string? reason)
    {
        id = null;
        reason = null;
        if (line.TrimEnd("\r\t "u8).IsEmpty)
            return false;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return Fail("expected a JSON object", out reason);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isId = reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.String)
                    id = reader.GetString();
                reader.Skip();
            }
            if (reader.Read() || reader.TokenType != JsonTokenType.EndObject)
                return Fail("unexpected content after the JSON object", out reason);
        }
        catch (JsonException ex)
        {
            return Fail($"invalid JSON: {ex.Message}", out reason);
        }
        return string.IsNullOrEmpty(id) ? Fail("missing string field 'id'", out reason) : true;
    }

    static bool Fail(string message, out string? reason)
    {
        reason = message;
        return false;
    }
}
