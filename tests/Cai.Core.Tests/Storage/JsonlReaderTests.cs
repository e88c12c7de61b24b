using System.IO.Compression;
using System.Text;
using Cai.Core.Records;
using Cai.Core.Storage;
using Xunit.Abstractions;

namespace Cai.Core.Tests.Storage;

public class JsonlReaderTests(ITestOutputHelper output) : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    string Write(string name, params string[] lines)
    {
        var path = dir.File(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Fact]
    public void ReadAll_SeveralBadLines_ReportsEachWithFileAndLineAndKeepsGoodLines()
    {
        var path = Write("prompts.jsonl",
            """{"id":"a","prompt":"x"}""",
            "",
            """{"id":"b","prompt":""",
            """{"id":"c","messages":[{"role":"robot","content":"x"}]}""",
            """{"id":"d","messages":[]}""",
            """{"id":"e","messages":[{"role":"user"}]}""",
            """{"id":"f","messages":[{"role":"user","content":"y"}]}""",
            """{"id":"g","prompt":null}""",
            "[1,2]");

        var result = JsonlReader.ReadAll<PromptRecord>(path);

        Assert.Equal(new[] { (1, "a"), (7, "f") }, result.Records.Select(r => (r.LineNumber, r.Record.Id)));
        var text = result.Diagnostics.Select(d => d.ToString()).ToList();
        text.ForEach(output.WriteLine);
        Assert.Equal(6, text.Count);
        Assert.StartsWith($"{path}:3: invalid JSON at column ", text[0]);
        Assert.Equal($"{path}:4: must be system, user or assistant, got 'robot' (field 'messages[0].role')", text[1]);
        Assert.Equal($"{path}:5: must not be empty (field 'messages')", text[2]);
        Assert.Equal($"{path}:6: is required (field 'messages[0].content')", text[3]);
        Assert.Equal($"{path}:8: expected a string, got null (field 'prompt')", text[4]);
        Assert.Equal($"{path}:9: expected a JSON object, got array", text[5]);
    }

    [Fact]
    public void ReadAll_SampleWithMissingWrongAndNullFields_NamesEachField()
    {
        const string good = """{"id":"s","prompt_id":"p","messages":[{"role":"user","content":"hi"}],"response":{"role":"assistant","content":"yo"},"model":"m"}""";
        var path = Write("samples.jsonl",
            good,
            """{"id":"s2","prompt_id":"p","messages":[{"role":"user","content":"hi"}],"response":{"role":"assistant","content":"yo"}}""",
            good.Replace("\"id\":\"s\",", "\"id\":\"s3\",\"sample_index\":\"zero\","),
            good.Replace("\"model\":\"m\"", "\"model\":null"),
            good.Replace("\"id\":\"s\"", "\"id\":\"\""));

        var result = JsonlReader.ReadAll<SampleRecord>(path);

        Assert.Equal(new[] { 1 }, result.Records.Select(r => r.LineNumber));
        var text = result.Diagnostics.Select(d => d.ToString()).ToList();
        text.ForEach(output.WriteLine);
        Assert.Equal($"{path}:2: is required (field 'model')", text[0]);
        Assert.Equal($"{path}:3: expected a number, got string (field 'sample_index')", text[1]);
        Assert.Equal($"{path}:4: must not be null (field 'model')", text[2]);
        Assert.Equal($"{path}:5: must not be empty (field 'id')", text[3]);
    }

    [Fact]
    public void Read_GzipFile_StreamsRecords()
    {
        var path = dir.File("prompts.jsonl.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes("{\"id\":\"a\",\"prompt\":\"x\"}\n\n{\"id\":\"b\",\"prompt\":\"y\"}\n"));
        var diagnostics = new List<JsonlDiagnostic>();

        var records = JsonlReader.Read<PromptRecord>(path, diagnostics.Add).ToList();

        Assert.Empty(diagnostics);
        Assert.Equal(new[] { (1, "a"), (3, "b") }, records.Select(r => (r.LineNumber, r.Record.Id)));
    }

    [Fact]
    public async Task ReadAsync_CrLfLinesAndBadLine_YieldsGoodRecordsAndReports()
    {
        var path = dir.File("crlf.jsonl");
        File.WriteAllText(path, "{\"id\":\"a\",\"prompt\":\"x\"}\r\nnot json\r\n{\"id\":\"b\",\"prompt\":\"y\"}");
        var diagnostics = new List<JsonlDiagnostic>();
        var ids = new List<string>();

        await foreach (var line in JsonlReader.ReadAsync<PromptRecord>(path, diagnostics.Add))
            ids.Add(line.Record.Id);

        Assert.Equal(["a", "b"], ids);
        Assert.Equal(2, Assert.Single(diagnostics).LineNumber);
    }

    [Fact]
    public void Read_MissingFile_ThrowsNamingPath()
    {
        var path = dir.File("nope.jsonl");

        var ex = Assert.Throws<FileNotFoundException>(() => JsonlReader.ReadAll<PromptRecord>(path));

        Assert.Contains(path, ex.Message);
    }
}
