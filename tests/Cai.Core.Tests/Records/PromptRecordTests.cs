using System.Text.Json;
using Cai.Core.Records;

namespace Cai.Core.Tests.Records;

public class PromptRecordTests
{
    [Fact]
    public void Serialize_Messages_RoundTripsSnakeCase()
    {
        var prompt = new PromptRecord { Id = "p1", Messages = [Message.System("s"), Message.User("How do I bake bread?")] };

        JsonAssert.RoundTrips(prompt,
            """{"id":"p1","messages":[{"role":"system","content":"s"},{"role":"user","content":"How do I bake bread?"}]}""");
    }

    [Fact]
    public void Deserialize_BarePromptText_NormalisesToOneUserMessage()
    {
        var prompt = JsonAssert.Read<PromptRecord>("""{"id":"p7","prompt":"Tell me a story"}""");

        Assert.Equal("p7", prompt.Id);
        Assert.Equal(new[] { Message.User("Tell me a story") }, prompt.Messages);
        Assert.Equal("""{"id":"p7","messages":[{"role":"user","content":"Tell me a story"}]}""",
            JsonSerializer.Serialize(prompt, Cai.Core.Json.CaiJson.Options));
    }

    [Fact]
    public void Deserialize_MissingId_UsesContentHashOfMessages()
    {
        var bare = JsonAssert.Read<PromptRecord>("""{"prompt":"Tell me a story"}""");
        var full = JsonAssert.Read<PromptRecord>("""{"messages":[{"role":"user","content":"Tell me a story"}]}""");
        var other = JsonAssert.Read<PromptRecord>("""{"prompt":"Tell me a poem"}""");

        Assert.Equal(ContentId.Of([Message.User("Tell me a story")]), bare.Id);
        Assert.Equal(bare.Id, full.Id);
        Assert.NotEqual(bare.Id, other.Id);
        Assert.Matches("^[0-9a-f]{16}$", bare.Id);
    }

    [Fact]
    public void FromText_NoId_MatchesContentIdOfDeserializedBarePrompt()
    {
        Assert.Equal(JsonAssert.Read<PromptRecord>("""{"prompt":"abc"}""").Id, PromptRecord.FromText("abc").Id);
    }

    [Theory]
    [InlineData("""{"id":"p1"}""", "messages")]
    [InlineData("""{"id":"p1","prompt":3}""", "prompt")]
    [InlineData("""{"id":5,"prompt":"x"}""", "id")]
    [InlineData("""{"id":"p1","messages":"hi"}""", "messages")]
    [InlineData("""{"id":"p1","messages":[{"role":"robot","content":"x"}]}""", "messages[0].role")]
    public void Deserialize_BadShape_ThrowsNamingField(string json, string field)
    {
        var ex = Assert.ThrowsAny<JsonException>(() => JsonAssert.Read<PromptRecord>(json));

        Assert.Contains($"'{field}'", ex.Message);
    }

    [Fact]
    public void Validate_EmptyMessages_NamesMessages()
    {
        var prompt = JsonAssert.Read<PromptRecord>("""{"id":"p1","messages":[]}""");

        Assert.Equal(new FieldError("messages", "must not be empty"), prompt.Validate());
    }
}
