using Cai.Core.Records;

namespace Cai.Core.Tests.Records;

public class RevisedRecordTests
{
    static RevisedRecord Revised() => new()
    {
        Id = "p1#0",
        PromptId = "p1",
        Messages = [Message.User("hi")],
        Response = Message.Assistant("go away"),
        Model = "local:stories260K",
        Rounds =
        [
            new RevisionRound
            {
                PrincipleId = "kind", CritiqueRequest = "Is it kind?", Critique = "It is curt.",
                RevisionRequest = "Make it kind.", Revision = "Hello, friend!",
            },
        ],
        Final = Message.Assistant("Hello, friend!"),
        Lineage = new Lineage
        {
            Constitution = "kind-stories", ConstitutionHash = "abc123", PrincipleIds = ["kind"],
            Models = new Dictionary<string, string> { ["policy"] = "local:stories260K", ["critic"] = "rules" },
            Seed = 7,
        },
    };

    [Fact]
    public void Serialize_WithRoundsAndLineage_RoundTripsSnakeCase()
    {
        JsonAssert.RoundTrips(Revised(),
            JsonAssert.Flat("""
                {"id":"p1#0","prompt_id":"p1","messages":[{"role":"user","content":"hi"}],
                "response":{"role":"assistant","content":"go away"},"sample_index":0,"model":"local:stories260K",
                "rounds":[{"principle_id":"kind","critique_request":"Is it kind?","critique":"It is curt.",
                "revision_request":"Make it kind.","revision":"Hello, friend!"}],
                "final":{"role":"assistant","content":"Hello, friend!"},
                "lineage":{"constitution":"kind-stories","constitution_hash":"abc123","principle_ids":["kind"],
                "models":{"policy":"local:stories260K","critic":"rules"},"seed":7}}
                """));
    }

    [Fact]
    public void Validate_EmptyRoundPrinciple_NamesIndexedField()
    {
        var revised = Revised();
        var bad = revised with { Rounds = [revised.Rounds[0] with { PrincipleId = "" }] };

        Assert.Equal(new FieldError("rounds[0].principle_id", "must not be empty"), bad.Validate());
    }

    [Fact]
    public void Validate_BadSampleField_ReportsInheritedCheck()
    {
        Assert.Equal("model", (Revised() with { Model = " " }).Validate()?.Field);
    }

    [Fact]
    public void From_CarriesEverySampleField_EvenFromAnEarlierRevisedRow()
    {
        var sample = SampleRecordTests.Sample() with { SampleIndex = 3 };
        var once = RevisedRecord.From(sample, Revised().Rounds, Message.Assistant("first"), lineage: null, flags: null);

        var twice = RevisedRecord.From(once, [.. once.Rounds, .. once.Rounds], Message.Assistant("second"), Revised().Lineage, flags: []);

        foreach (var property in typeof(SampleRecord).GetProperties())
            Assert.Equal(property.GetValue(sample), property.GetValue(twice));
        Assert.Equal((2, "second", "kind-stories"), (twice.Rounds.Count, twice.Final.Content, twice.Lineage!.Constitution));
        Assert.Null(twice.Flags); // an empty list of flags is written as none
    }
}
