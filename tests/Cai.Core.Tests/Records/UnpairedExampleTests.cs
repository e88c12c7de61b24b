using Cai.Core.Records;

namespace Cai.Core.Tests.Records;

public class UnpairedExampleTests
{
    [Fact]
    public void Serialize_Example_RoundTripsKtoColumns()
    {
        var example = new UnpairedExample
        {
            Id = "u1", Prompt = [Message.User("hi")], Completion = [Message.Assistant("go away")], Label = false,
        };

        JsonAssert.RoundTrips(example,
            """{"id":"u1","prompt":[{"role":"user","content":"hi"}],"completion":[{"role":"assistant","content":"go away"}],"label":false}""");
    }

    [Fact]
    public void Validate_EmptyCompletion_NamesCompletion()
    {
        var example = JsonAssert.Read<UnpairedExample>("""{"id":"u1","prompt":[{"role":"user","content":"hi"}],"completion":[],"label":true}""");

        Assert.Equal(new FieldError("completion", "must not be empty"), example.Validate());
    }
}
