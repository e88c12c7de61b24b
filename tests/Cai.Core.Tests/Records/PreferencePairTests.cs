using Cai.Core.Records;

namespace Cai.Core.Tests.Records;

public class PreferencePairTests
{
    static PreferencePair Pair() => new()
    {
        Id = "p1#0",
        Prompt = [Message.User("hi")],
        Chosen = [Message.Assistant("Hello, friend!")],
        Rejected = [Message.Assistant("go away")],
        Source = PreferenceSource.Feedback,
        LabelProb = 0.83,
        PrincipleIds = ["kind"],
        Lineage = new Lineage { Constitution = "harmless", ConstitutionHash = "h", Sampling = new SamplingParameters { Temperature = 1 } },
    };

    [Fact]
    public void Serialize_Pair_RoundTripsTrlColumns()
    {
        JsonAssert.RoundTrips(Pair(),
            JsonAssert.Flat("""
                {"id":"p1#0","prompt":[{"role":"user","content":"hi"}],
                "chosen":[{"role":"assistant","content":"Hello, friend!"}],"rejected":[{"role":"assistant","content":"go away"}],
                "source":"feedback","label_prob":0.83,"principle_ids":["kind"],
                "lineage":{"constitution":"harmless","constitution_hash":"h","sampling":{"temperature":1}}}
                """));
    }

    [Fact]
    public void Serialize_RevisionSource_WritesSnakeCaseEnum()
    {
        var pair = Pair() with { Source = PreferenceSource.Revision, LabelProb = null, PrincipleIds = null, Lineage = null };

        JsonAssert.RoundTrips(pair,
            JsonAssert.Flat("""
                {"id":"p1#0","prompt":[{"role":"user","content":"hi"}],
                "chosen":[{"role":"assistant","content":"Hello, friend!"}],"rejected":[{"role":"assistant","content":"go away"}],
                "source":"revision"}
                """));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Validate_LabelProbOutOfRange_NamesLabelProb(double prob)
    {
        Assert.Equal("label_prob", (Pair() with { LabelProb = prob }).Validate()?.Field);
    }

    [Fact]
    public void Validate_UserMessageInChosen_NamesIndexedRole()
    {
        Assert.Equal(new FieldError("chosen[0].role", "must be 'assistant'"),
            (Pair() with { Chosen = [Message.User("x")] }).Validate());
    }
}
