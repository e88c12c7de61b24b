using System.IO.Compression;
using System.Text;
using Cai.Core.Records;
using Cai.Pipeline.Prompts;
using Cai.Pipeline.Tests.Runner;

namespace Cai.Pipeline.Tests.Prompts;

public sealed class PromptSourceTests : IDisposable
{
    readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task ReadAllAsync_MessagesAndBarePrompts_NormalisesBoth()
    {
        var path = dir.File("p.jsonl", """
            {"id": "a", "messages": [{"role": "system", "content": "Be kind."}, {"role": "user", "content": "Hi"}]}

            {"id": "b", "prompt": "Tell a story."}
            {"prompt": "No id here."}
            """);

        var prompts = await PromptSource.ReadAllAsync(new PromptSourceOptions { Path = path });

        Assert.Equal(["a", "b", ContentId.Of([Message.User("No id here.")])], prompts.Select(p => p.Id));
        Assert.Equal(2, prompts[0].Messages.Count);
        Assert.Equal(Message.User("Tell a story."), Assert.Single(prompts[1].Messages));
    }

    [Fact]
    public async Task ReadAllAsync_Limit_StopsAfterLimitDistinctPrompts()
    {
        var path = dir.File("p.jsonl", """
            {"id": "a", "prompt": "one"}
            {"id": "a", "prompt": "one again"}
            {"id": "b", "prompt": "two"}
            {"id": "c", "prompt": "three"}
            """);

        var prompts = await PromptSource.ReadAllAsync(new PromptSourceOptions { Path = path, Limit = 2 });

        Assert.Equal(["a", "b"], prompts.Select(p => p.Id));
    }

    [Fact]
    public async Task ReadAllAsync_BadLine_ThrowsNamingFileLineAndField()
    {
        var path = dir.File("p.jsonl", """
            {"id": "a", "prompt": "fine"}
            {"id": "b", "messages": [{"role": "robot", "content": "x"}]}
            """);

        var ex = await Assert.ThrowsAsync<PromptSourceException>(
            () => PromptSource.ReadAllAsync(new PromptSourceOptions { Path = path }));

        Assert.Equal(2, ex.Diagnostic.LineNumber);
        Assert.Contains($"{path}:2:", ex.Message);
        Assert.Contains("role", ex.Message);
    }

    [Fact]
    public async Task ReadAllAsync_HhRlhfGzip_TakesFirstHumanTurnWithContentHashIds()
    {
        var path = Path.Combine(dir.Path, "hh.jsonl.gz");
        await using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            var text = """
                {"chosen": "\n\nHuman: How do I bake bread?\n\nAssistant: Mix flour and water.\n\nHuman: Thanks!\n\nAssistant: Welcome.", "rejected": "x"}
                {"chosen": "\n\nHuman: What is a cat?\n\nAssistant: An animal."}
                """;
            await gz.WriteAsync(Encoding.UTF8.GetBytes(text));
        }

        var prompts = await PromptSource.ReadAllAsync(new PromptSourceOptions { Path = path, Format = PromptFormat.HhRlhf });

        Assert.Equal([Message.User("How do I bake bread?")], prompts[0].Messages);
        Assert.Equal(ContentId.Of([Message.User("What is a cat?")]), prompts[1].Id);
    }

    [Fact]
    public async Task ReadAllAsync_HhRlhfWithoutHumanTurn_ThrowsNamingLineAndField()
    {
        var path = dir.File("hh.jsonl", """
            {"chosen": "\n\nHuman: ok\n\nAssistant: fine"}
            {"chosen": "Assistant: no human here"}
            """);

        var ex = await Assert.ThrowsAsync<PromptSourceException>(
            () => PromptSource.ReadAllAsync(new PromptSourceOptions { Path = path, Format = PromptFormat.HhRlhf }));

        Assert.Equal(2, ex.Diagnostic.LineNumber);
        Assert.Equal("chosen", ex.Diagnostic.Field);
    }

    [Theory]
    [InlineData("\n\nHuman: Hello there\n\nAssistant: Hi", "Hello there")]
    [InlineData("Human: Only a question", "Only a question")]
    [InlineData("\n\nHuman: First\n\nHuman: Second\n\nAssistant: x", "First")]
    [InlineData("\n\nHuman:   \n\nAssistant: x", null)]
    public void FirstHumanTurn_Transcript_ReturnsFirstTurnText(string transcript, string? expected) =>
        Assert.Equal(expected, HhRlhfTranscript.FirstHumanTurn(transcript));
}
