using Cai.Core.Runs;
using Cai.Core.Tests.Storage;

namespace Cai.Core.Tests.Runs;

public sealed class MetricsLogTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    string Write(string text)
    {
        var path = dir.File(MetricsLog.FileName);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Read_NumbersAndTheWritersNonFiniteStrings_BlankLinesPassedOver()
    {
        var path = Write("""
            {"step": 1, "loss": 0.5}

            {"step": 2, "loss": "NaN", "grad_norm": "Infinity", "note": true}
            """);

        var rows = MetricsLog.Read(path);

        Assert.Equal(2, rows.Count);
        Assert.Equal((1.0, 0.5), (rows[0]["step"], rows[0]["loss"]));
        Assert.True(double.IsNaN(rows[1]["loss"]));
        Assert.Equal(double.PositiveInfinity, rows[1]["grad_norm"]);
        Assert.True(double.IsNaN(rows[1]["note"])); // a value that is no number
    }

    [Fact]
    public void Read_ABadLine_IsReportedWithItsNumberAndLeftOut()
    {
        var path = Write("{\"step\": 1}\n[1, 2]\n{not json\n{\"step\": 4}\n");
        var bad = new List<(int Line, string Problem)>();

        var rows = MetricsLog.Read(path, (line, problem) => bad.Add((line, problem)));

        Assert.Equal([1.0, 4.0], rows.Select(r => r["step"]));
        Assert.Equal([2, 3], bad.Select(b => b.Line));
        Assert.Equal("expected a JSON object", bad[0].Problem);
        Assert.StartsWith("not valid JSON", bad[1].Problem);
    }

    [Fact]
    public void Read_ABadLineWithNoOneToTell_ThrowsNamingFileAndLine()
    {
        var path = Write("{\"step\": 1}\n\"text\"\n");

        var e = Assert.Throws<InvalidDataException>(() => MetricsLog.Read(path));

        Assert.Equal($"{path}:2: expected a JSON object", e.Message);
    }
}
