using System.IO.Compression;
using Cai.Models.Chat;
using Cai.Train.Data;

namespace Cai.Train.Tests.Data;

public sealed class PreferenceDataReaderTests
{
    static string Write(string name, params string[] lines)
    {
        var path = Path.Combine(Stories.TempDir(), name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Read_TrlConversationalStandardAndHh_ReadsAllThreeShapes()
    {
        var path = Write("pairs.jsonl",
            """{"id":"a","prompt":[{"role":"user","content":"Hi"}],"chosen":[{"role":"assistant","content":"Hello"}],"rejected":[{"role":"assistant","content":"Go away"}],"label_prob":0.8}""",
            """{"prompt":"Say a word","chosen":"Sun","rejected":"Rain","margin":2.5}""",
            """{"chosen":"\n\nHuman: Hi\n\nAssistant: Hello","rejected":"\n\nHuman: Hi\n\nAssistant: No"}""");
        var report = new DataReport();

        var pairs = PreferenceDataReader.Read(path, report);

        Assert.Equal(3, pairs.Count);
        Assert.Equal(("a", 0.8), (pairs[0].Id, pairs[0].LabelProb!.Value));
        Assert.Equal([ChatTurn.User("Say a word")], pairs[1].Prompt);
        Assert.Equal([ChatTurn.Assistant("Rain")], pairs[1].Rejected);
        Assert.Equal((null, 2.5, null), (pairs[0].Margin, pairs[1].Margin, pairs[2].Margin));
        Assert.Equal(("line-3", 3), (pairs[2].Id, pairs[2].Line));
        Assert.Equal([ChatTurn.User("Hi")], pairs[2].Prompt);
        Assert.Equal(0, report.DroppedCount);
    }

    [Fact]
    public void Read_InvalidUtf8Line_DroppedWithFileLineColumnNotDecodedSilently()
    {
        var path = Path.Combine(Stories.TempDir(), "latin1.jsonl");
        var good = System.Text.Encoding.UTF8.GetBytes("""{"prompt":"Say a word","chosen":"Sun","rejected":"Rain"}""" + "\n");
        var bad = System.Text.Encoding.UTF8.GetBytes("{\"prompt\":\"caf").Concat(new byte[] { 0xE9 })
            .Concat(System.Text.Encoding.UTF8.GetBytes("\",\"chosen\":\"Sun\",\"rejected\":\"Rain\"}\n"));
        File.WriteAllBytes(path, [.. good, .. bad]);
        var report = new DataReport();

        var pairs = PreferenceDataReader.Read(path, report);

        Assert.Single(pairs);
        Assert.Equal(1, report.Dropped["invalid UTF-8"]);
        Assert.Equal($"{path}:2:15: invalid UTF-8: byte 0xE9; save the file as UTF-8", Assert.Single(report.Problems));
    }

    [Fact]
    public void Read_BadLines_ReportsFileLineAndReason()
    {
        var path = Write("bad.jsonl",
            "not json",
            """{"prompt":"x","chosen":"y"}""",
            """{"prompt":[{"role":"robot","content":"x"}],"chosen":"y","rejected":"z"}""",
            """{"chosen":"\n\nHuman: A\n\nAssistant: B","rejected":"\n\nHuman: Q\n\nAssistant: C"}""",
            """{"prompt":"x","chosen":"y","rejected":"z","label_prob":2}""",
            """{"prompt":"x","chosen":"y","rejected":"z","margin":"big"}""");
        var report = new DataReport();

        var pairs = PreferenceDataReader.Read(path, report);

        Assert.Empty(pairs);
        Assert.Equal(6, report.DroppedCount);
        Assert.StartsWith($"{path}:1: invalid JSON", report.Problems[0]);
        Assert.Contains("field 'rejected': required but missing", report.Problems[1]);
        Assert.Contains("field 'prompt[0].role'", report.Problems[2]);
        Assert.StartsWith($"{path}:4: cannot split transcript", report.Problems[3]);
        Assert.Contains("label_prob", report.Problems[4]);
        Assert.StartsWith($"{path}:6: bad field", report.Problems[5]);
        Assert.Contains("margin", report.Problems[5]);
    }

    [Fact]
    public void Read_GzippedFile_ReadsLikePlainJsonl()
    {
        var path = Path.Combine(Stories.TempDir(), "pairs.jsonl.gz");
        using (var gz = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest)))
            gz.WriteLine("""{"prompt":"p","chosen":"c","rejected":"r"}""");

        var pairs = PreferenceDataReader.Read(path, new DataReport());

        Assert.Single(pairs);
    }

    [Fact]
    public void Read_SharedHhFile_ParsesAlmostEveryLine()
    {
        var path = Cai.TestKit.SharedData.Require("data", "hh-rlhf", "harmless-base", "test.jsonl.gz");
        var report = new DataReport();

        var pairs = PreferenceDataReader.Read(path, report);

        Assert.Equal(2312, report.Read);
        Assert.Equal(report.Read, pairs.Count + report.DroppedCount);
        Assert.True(pairs.Count > 2200, report.ToString());
    }
}
