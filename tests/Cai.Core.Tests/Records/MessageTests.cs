using System.Text.Json;
using Cai.Core.Records;

namespace Cai.Core.Tests.Records;

public class MessageTests
{
    [Fact]
    public void Serialize_EachRole_WritesLowercaseRoleName()
    {
        JsonAssert.RoundTrips(Message.System("be kind"), """{"role":"system","content":"be kind"}""");
        JsonAssert.RoundTrips(Message.User("hi"), """{"role":"user","content":"hi"}""");
        JsonAssert.RoundTrips(Message.Assistant("it's \"fine\" ü"), """{"role":"assistant","content":"it's \"fine\" ü"}""");
    }

    [Theory]
    [InlineData("""{"role":"tool","content":"x"}""")]
    [InlineData("""{"role":1,"content":"x"}""")]
    public void Deserialize_UnknownRole_Throws(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonAssert.Read<Message>(json));
    }

    [Fact]
    public void Deserialize_RoleInOtherCase_IsAcceptedAndWrittenLowercase()
    {
        var message = JsonAssert.Read<Message>("""{"role":"User","content":"x"}""");

        JsonAssert.RoundTrips(message, """{"role":"user","content":"x"}""");
    }

    [Fact]
    public void Deserialize_MissingContent_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => JsonAssert.Read<Message>("""{"role":"user"}"""));
    }
}
