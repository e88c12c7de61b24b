using Cai.Core.Records;

namespace Cai.Core.Tests.Records;

public class SampleRecordTests
{
    internal static SampleRecord Sample() => new()
    {
        Id = "p1#0",
        PromptId = "p1",
        Messages = [Message.User("hi")],
        Response = Message.Assistant("hello"),
        SampleIndex = 0,
        Model = "ollama:llama3.1:8b",
        Sampling = new SamplingParameters { Temperature = 0.7, TopP = 0.9, TopK = 40, MaxTokens = 256, Seed = 42, Stop = ["\n\n"] },
        Seed = 42,
    };

    [Fact]
    public void Serialize_FullSample_RoundTripsSnakeCase()
    {
        JsonAssert.RoundTrips(Sample(),
            JsonAssert.Flat("""
                {"id":"p1#0","prompt_id":"p1","messages":[{"role":"user","content":"hi"}],
                "response":{"role":"assistant","content":"hello"},"sample_index":0,"model":"ollama:llama3.1:8b",
                "sampling":{"temperature":0.7,"top_p":0.9,"top_k":40,"max_tokens":256,"seed":42,"stop":["\n\n"]},"seed":42}
                """));
    }

    [Fact]
    public void Serialize_NullOptionalFields_AreOmitted()
    {
        var sample = Sample() with { Sampling = new SamplingParameters { Temperature = 0 }, Seed = null };

        JsonAssert.RoundTrips(sample,
            JsonAssert.Flat("""
                {"id":"p1#0","prompt_id":"p1","messages":[{"role":"user","content":"hi"}],
                "response":{"role":"assistant","content":"hello"},"sample_index":0,"model":"ollama:llama3.1:8b",
                "sampling":{"temperature":0}}
                """));
    }

    [Fact]
    public void Validate_UserResponse_NamesResponseRole()
    {
        Assert.Equal("response.role", (Sample() with { Response = Message.User("x") }).Validate()?.Field);
    }

    [Fact]
    public void Validate_Valid_ReturnsNull()
    {
        Assert.Null(Sample().Validate());
    }
}
