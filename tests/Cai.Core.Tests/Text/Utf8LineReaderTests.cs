using System.Text;
using Cai.Core.Text;

namespace Cai.Core.Tests.Text;

public sealed class Utf8LineReaderTests
{
    static List<Utf8LineReader.Line> ReadAll(byte[] bytes)
    {
        using var reader = new Utf8LineReader(new MemoryStream(bytes));
        var lines = new List<Utf8LineReader.Line>();
        while (reader.ReadLine() is { } line)
            lines.Add(line);
        return lines;
    }

    [Fact]
    public void ReadLine_BomCrLfAndNoFinalNewline_LinesLikeStreamReader()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("a\r\nb\n\nc")).ToArray();

        var lines = ReadAll(bytes);

        Assert.Equal(["a", "b", "", "c"], lines.Select(l => l.Text));
        Assert.Equal([1, 2, 3, 4], lines.Select(l => l.Number));
    }

    [Fact]
    public void ReadLine_InvalidByteAfterMultibyteText_ColumnCountsCharacters()
    {
        var bytes = Encoding.UTF8.GetBytes("ok\nnaïve ").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes(" tail\nnext\n")).ToArray();

        var lines = ReadAll(bytes);

        Assert.Equal(3, lines.Count);
        Assert.Null(lines[1].Text);
        Assert.Equal((2, 7, (byte)0xFF), (lines[1].Number, lines[1].InvalidColumn, lines[1].InvalidByte));
        Assert.Equal("next", lines[2].Text);
    }

    [Fact]
    public void ReadLine_TruncatedMultibyteSequenceAtLineEnd_IsInvalid()
    {
        var lines = ReadAll([(byte)'x', 0xE2, 0x82, (byte)'\n']);

        Assert.Null(Assert.Single(lines).Text);
        Assert.Equal(2, lines[0].InvalidColumn);
    }

    [Fact]
    public async Task ReadLineAsync_LineLongerThanTheBuffer_ReadWhole()
    {
        var longLine = new string('é', 100_000);
        using var reader = new Utf8LineReader(new MemoryStream(Encoding.UTF8.GetBytes(longLine + "\nz\n")));

        var first = await reader.ReadLineAsync();
        var second = await reader.ReadLineAsync();

        Assert.Equal(longLine, first!.Value.Text);
        Assert.Equal("z", second!.Value.Text);
        Assert.Null(await reader.ReadLineAsync());
    }
}
