using Cai.Core.Records;
using Cai.Core.Storage;

namespace Cai.Core.Tests.Storage;

public partial class StageStoreTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    static PromptRecord Prompt(string id, string text = "text") => new() { Id = id, Messages = [Message.User(text)] };

    static string[] Lines(string path) => File.ReadAllText(path).Split('\n');

    [Fact]
    public async Task Open_NewStage_CreatesTheRecordsFileAndTheFailuresFileOnlyAtTheFirstFailure()
    {
        await using var store = StageStore.Open(dir.Path, "generate");

        Assert.Equal(dir.File("generate.jsonl"), store.OutputPath);
        Assert.True(File.Exists(store.OutputPath));
        Assert.Equal(0, store.Count);
        Assert.False(File.Exists(dir.File("generate.failed.jsonl"))); // no empty companion for a stage that never fails
        await store.AppendFailureAsync(new FailureRecord { Id = "p1", Stage = "generate", ErrorKind = "timeout", Message = "slow" });
        Assert.Single(File.ReadAllLines(dir.File("generate.failed.jsonl")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void Open_BadStageName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => StageStore.Open(dir.Path, name));
    }

    [Fact]
    public async Task AppendAsync_Record_WritesOneSnakeCaseLine()
    {
        await using (var store = StageStore.Open(dir.Path, "generate"))
            Assert.True(await store.AppendAsync(Prompt("p1", "hi")));

        Assert.Equal("{\"id\":\"p1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\n",
            File.ReadAllText(dir.File("generate.jsonl")));
    }

    [Fact]
    public async Task Open_ExistingFile_ResumesWithDoneIdsAndSkipsThem()
    {
        await using (var first = StageStore.Open(dir.Path, "generate"))
        {
            await first.AppendAsync(Prompt("a"));
            await first.AppendAsync(Prompt("b"));
        }

        await using var second = StageStore.Open(dir.Path, "generate");
        Assert.True(second.Contains("a") && second.Contains("b") && !second.Contains("c"));
        Assert.False(await second.AppendAsync(Prompt("a", "different text")));
        Assert.True(await second.AppendAsync(Prompt("c")));

        Assert.Equal(3, second.Count);
        Assert.Equal(1, second.DuplicatesSkipped);
        Assert.Equal(["a", "b", "c"], JsonlReader.ReadAll<PromptRecord>(second.OutputPath).Records.Select(r => r.Record.Id));
    }

    [Fact]
    public async Task AppendAsync_DerivedRecordThroughBaseType_WritesAllFields()
    {
        SampleRecord revised = new RevisedRecord
        {
            Id = "r", PromptId = "p", Messages = [Message.User("q")], Response = Message.Assistant("a"), Model = "rules",
            Rounds = [new RevisionRound { PrincipleId = "k", CritiqueRequest = "cr", Critique = "c", RevisionRequest = "rr", Revision = "r" }],
            Final = Message.Assistant("r"),
        };

        await using (var store = StageStore.Open(dir.Path, "revise"))
        {
            await store.AppendAsync(revised);
            await store.AppendAsync<IRecord>(revised with { Id = "r2" });
        }

        var read = JsonlReader.ReadAll<RevisedRecord>(dir.File("revise.jsonl"));
        Assert.Empty(read.Diagnostics);
        Assert.All(read.Records, r => Assert.Equal("k", r.Record.Rounds[0].PrincipleId));
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrentTasks_WritesEveryRecordOnItsOwnLine()
    {
        var padding = new string('z', 3000);
        await using (var store = StageStore.Open(dir.Path, "gen", new StageStoreOptions { Fsync = false }))
        {
            var appends = Enumerable.Range(0, 400).Select(i => Task.Run(() => store.AppendAsync(Prompt($"id-{i % 300}", $"{i} {padding}"))));
            var written = await Task.WhenAll(appends);

            Assert.Equal(300, written.Count(w => w));
            Assert.Equal(100, store.DuplicatesSkipped);
        }

        var result = JsonlReader.ReadAll<PromptRecord>(dir.File("gen.jsonl"));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(300, result.Records.Select(r => r.Record.Id).Distinct().Count());
        Assert.Equal(300, result.Records.Count);
        Assert.All(result.Records, r => Assert.EndsWith(padding, r.Record.Messages[0].Content));
    }

    [Fact]
    public async Task AppendAsync_InvalidRecord_ThrowsNamingFieldAndWritesNothing()
    {
        await using var store = StageStore.Open(dir.Path, "generate");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(new PromptRecord { Id = "p", Messages = [] }));

        Assert.Contains("'p' is invalid: must not be empty (field 'messages')", ex.Message);
        Assert.Equal(0, new FileInfo(store.OutputPath).Length);
        Assert.False(store.Contains("p"));
    }

    [Fact]
    public async Task AppendFailureAsync_Failures_ExposedAsFailedIdsAfterReopen()
    {
        await using (var store = StageStore.Open(dir.Path, "critique", new StageStoreOptions { Fsync = true }))
        {
            await store.AppendFailureAsync(new FailureRecord { Id = "x", Stage = "critique", ErrorKind = "timeout", Message = "m" });
            await store.AppendFailureAsync(new FailureRecord { Id = "y", Stage = "critique", ErrorKind = "invalid_output", Message = "m", Attempts = 2 });
            Assert.True(store.HasFailed("x"));
            Assert.False(store.Contains("x"));
        }

        await using var reopened = StageStore.Open(dir.Path, "critique");
        Assert.Equal(["x", "y"], reopened.FailedIds.Order());
        var failures = JsonlReader.ReadAll<FailureRecord>(reopened.FailedPath);
        Assert.Empty(failures.Diagnostics);
        Assert.Equal(2, failures.Records[1].Record.Attempts);
    }
}
