using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Cai.Core.Text;

/// <summary>
/// UTF-8 decoding that refuses invalid bytes instead of turning them into U+FFFD, and says where they are as
/// <c>file:line:column</c> (1-based; the column counts characters).
/// </summary>
public static class StrictUtf8
{
    static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Where the first invalid byte of <paramref name="bytes"/> is, or null when all of it is valid UTF-8.</summary>
    /// <returns>The byte offset, the 1-based line and column, and the offending byte.</returns>
    public static (int Offset, int Line, int Column, byte Byte)? FindInvalid(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
            return null;
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
                break;
            offset += consumed;
        }
        var before = bytes[..offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n') + 1;
        return (offset, line, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1, bytes[offset]);
    }

    /// <summary><paramref name="bytes"/> without a leading UTF-8 byte order mark.</summary>
    public static ReadOnlySpan<byte> SkipByteOrderMark(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Bom) ? bytes[Bom.Length..] : bytes;

    /// <summary>The reason text for an invalid byte: <c>invalid UTF-8 byte 0xFF; save the file as UTF-8</c>.</summary>
    public static string Describe(byte value) => $"invalid UTF-8 byte 0x{value:X2}; save the file as UTF-8";
}
