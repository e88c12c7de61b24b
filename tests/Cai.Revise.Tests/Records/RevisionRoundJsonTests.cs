using System.Text.Json;
using Cai.Core.Json;
using Cai.Core.Records;

namespace Cai.Revise.Tests.Records;

// The revise stage reads what the critique stage wrote: a pending round must round-trip without revision fields,
// and a complete round keeps the JSON shape written before the fields became optional.
public class RevisionRoundJsonTests
{
    [Fact]
    public void Serialize_PendingRound_OmitsRevisionFields()
    {
        var round = new RevisionRound { PrincipleId = "k", CritiqueRequest = "cr", Critique = "c", RevisionNeeded = false };
        var json = JsonSerializer.Serialize(round, CaiJson.Options);
        Assert.Equal("""{"principle_id":"k","critique_request":"cr","critique":"c","revision_needed":false}""", json);
        var back = JsonSerializer.Deserialize<RevisionRound>(json, CaiJson.Options)!;
        Assert.True(back.IsPending);
        Assert.False(back.RevisionNeeded);
    }

    [Fact]
    public void Serialize_CompleteRoundWithFlags_KeepsOldFieldsAndAddsSnakeCaseFlags()
    {
        var round = new RevisionRound
        {
            PrincipleId = "k", CritiqueRequest = "cr", Critique = "c", RevisionRequest = "rr", Revision = "r",
            Flags = [QualityFlag.IdenticalToInput, QualityFlag.EchoesRequest],
        };
        var json = JsonSerializer.Serialize(round, CaiJson.Options);
        Assert.Equal(
            """{"principle_id":"k","critique_request":"cr","critique":"c","revision_request":"rr","revision":"r","flags":["identical_to_input","echoes_request"]}""",
            json);
        var back = JsonSerializer.Deserialize<RevisionRound>(json, CaiJson.Options)!;
        Assert.Equal(round.Flags, back.Flags!);
        Assert.False(back.IsPending);
    }

    [Fact]
    public void Serialize_RevisedRecordWithFlags_WritesFlagsAfterLineage()
    {
        var record = RevisedRecord.From(
            new SampleRecord { Id = "a#0", PromptId = "a", Messages = [Message.User("q")], Response = Message.Assistant("r"), Model = "m" },
            [new RevisionRound { PrincipleId = "k", CritiqueRequest = "cr", Critique = "c", RevisionRequest = "rr", Revision = "" }],
            Message.Assistant(""), new Lineage { Seed = 3 }, [QualityFlag.Empty]);
        var json = JsonSerializer.Serialize(record, CaiJson.Options);
        Assert.EndsWith("""
            "final":{"role":"assistant","content":""},"lineage":{"seed":3},"flags":["empty"]}
            """, json);
        Assert.Equal([QualityFlag.Empty], JsonSerializer.Deserialize<RevisedRecord>(json, CaiJson.Options)!.Flags!);
    }
}
