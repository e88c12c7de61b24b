using System.Text;
using Cai.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Cai.Core.Tests.Storage;

/// <summary>Opening a stage file that a crash (or a person) left imperfect.</summary>
public partial class StageStoreTests
{
    [Fact]
    public async Task Open_TornLastLine_TruncatesAndNextAppendStartsOnItsOwnLine()
    {
        var path = dir.File("critique.jsonl");
        const string complete = "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}\n";
        File.WriteAllText(path, complete + "{\"id\":\"b\",\"messages\":[{\"role\":\"us");
        var logger = new ListLogger<StageStore>();

        await using (var store = StageStore.Open(dir.Path, "critique", logger: logger))
        {
            Assert.Equal(Encoding.UTF8.GetByteCount(complete), new FileInfo(path).Length);
            Assert.True(store.RepairedBytes > 0);
            Assert.True(store.Contains("a"));
            Assert.False(store.Contains("b"));
            Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("torn"));
            await store.AppendAsync(Prompt("b"));
        }

        var lines = Lines(path);
        Assert.Equal(3, lines.Length);
        Assert.Equal(complete.TrimEnd('\n'), lines[0]);
        Assert.StartsWith("{\"id\":\"b\",", lines[1]);
        Assert.Equal("", lines[2]);
    }

    [Fact]
    public async Task Open_UnparsableLastLineWithNewline_IsCut()
    {
        var path = dir.File("s.jsonl");
        File.WriteAllText(path, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n\0\0\0\0\n");

        await using var store = StageStore.Open(dir.Path, "s");

        Assert.Equal("{\"id\":\"a\"}\n{\"id\":\"b\"}\n", File.ReadAllText(path));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public async Task Open_CompleteLastRecordWithoutNewline_KeepsItAndAddsNewline()
    {
        var path = dir.File("s.jsonl");
        File.WriteAllText(path, "{\"id\":\"a\"}\n{\"id\":\"b\"}");

        await using (var store = StageStore.Open(dir.Path, "s"))
        {
            Assert.True(store.Contains("b"));
            Assert.Equal(0, store.RepairedBytes);
            await store.AppendAsync(Prompt("c"));
        }

        Assert.Equal(["{\"id\":\"a\"}", "{\"id\":\"b\"}"], Lines(path)[..2]);
        Assert.StartsWith("{\"id\":\"c\"", Lines(path)[2]);
    }

    [Fact]
    public async Task Open_BadLineInTheMiddle_IsKeptAndWarned()
    {
        var path = dir.File("s.jsonl");
        File.WriteAllText(path, "{\"id\":\"a\"}\nnot json\n{\"id\":\"b\"}\n");
        var logger = new ListLogger<StageStore>();

        await using var store = StageStore.Open(dir.Path, "s", logger: logger);

        Assert.Equal(0, store.RepairedBytes);
        Assert.Equal(2, store.Count);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"{path}:2:"));
    }
}
