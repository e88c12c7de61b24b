using System.Buffers;
using System.Text;

namespace Cai.Core.Text;

/// <summary>
/// Reads a stream line by line as strict UTF-8: a line with invalid bytes comes back with no text and the column of
/// its first bad byte, so a reader can report <c>file:line:column</c> and go on, instead of silently turning the bytes
/// into U+FFFD the way <see cref="StreamReader"/> does. Lines end at <c>\n</c> (a <c>\r</c> before it is dropped); a
/// leading byte order mark is skipped.
/// </summary>
public sealed class Utf8LineReader(Stream stream) : IDisposable
{
    readonly byte[] buffer = new byte[1 << 16];
    readonly ArrayBufferWriter<byte> line = new();
    int start, end, number;
    bool eof;

    /// <summary>One line: its 1-based number, and either its text or where its first invalid byte is.</summary>
    /// <param name="Number">The 1-based line number.</param>
    /// <param name="Text">The decoded line; null when it holds invalid UTF-8.</param>
    /// <param name="InvalidColumn">The 1-based column (in characters) of the first invalid byte; 0 when valid.</param>
    /// <param name="InvalidByte">The first invalid byte.</param>
    public readonly record struct Line(int Number, string? Text, int InvalidColumn, byte InvalidByte)
    {
        /// <summary>The reason for an invalid line, e.g. <c>invalid UTF-8 byte 0xFF; save the file as UTF-8</c>.</summary>
        public string InvalidReason => StrictUtf8.Describe(InvalidByte);
    }

    /// <summary>The next line, or null at the end of the stream.</summary>
    public Line? ReadLine()
    {
        while (true)
        {
            if (TakeLine() is { } found)
                return found;
            if (eof)
                return TakeRest();
            Filled(stream.Read(buffer));
        }
    }

    /// <summary>The next line, or null at the end of the stream.</summary>
    public async ValueTask<Line?> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (TakeLine() is { } found)
                return found;
            if (eof)
                return TakeRest();
            Filled(await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        }
    }

    void Filled(int read)
    {
        (start, end) = (0, read);
        eof = read == 0;
    }

    Line? TakeLine()
    {
        var pending = buffer.AsSpan(start, end - start);
        var newline = pending.IndexOf((byte)'\n');
        if (newline < 0)
        {
            line.Write(pending);
            start = end;
            return null;
        }
        line.Write(pending[..newline]);
        start += newline + 1;
        return Make();
    }

    Line? TakeRest() => line.WrittenCount == 0 ? null : Make();

    Line Make()
    {
        var bytes = line.WrittenSpan;
        if (number == 0)
            bytes = StrictUtf8.SkipByteOrderMark(bytes);
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
            bytes = bytes[..^1];
        number++;
        var result = StrictUtf8.FindInvalid(bytes) is { } bad
            ? new Line(number, null, bad.Column, bad.Byte)
            : new Line(number, Encoding.UTF8.GetString(bytes), 0, 0);
        line.ResetWrittenCount();
        return result;
    }

    /// <summary>Disposes the stream.</summary>
    public void Dispose() => stream.Dispose();
}
