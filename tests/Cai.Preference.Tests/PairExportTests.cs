using System.Text.Json;
using Cai.Core.Records;
using Parquet;

namespace Cai.Preference.Tests;

public sealed class PairExportTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("cai-pairs-").FullName;

    static readonly PreferencePair[] Pairs =
    [
        new()
        {
            Id = "q1#0", Prompt = [Message.System("Be kind."), Message.User("Tell a story.")],
            Chosen = [Message.Assistant("A cosy story.")], Rejected = [Message.Assistant("A scary story.")],
            Source = PreferenceSource.Revision, PrincipleIds = ["p0", "p1"], Lineage = new Lineage { Constitution = "kind-stories" },
        },
        new()
        {
            Id = "q2#0|q2#1", Prompt = [Message.User("Say hi — in Spanish, \"please\".")],
            Chosen = [Message.Assistant("¡Hola!")], Rejected = [Message.Assistant("Hello.")],
            Source = PreferenceSource.Feedback, LabelProb = 0.83, PrincipleIds = ["p2"],
        },
    ];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task WriteJsonlAsync_Pairs_UseTrlConversationalColumns()
    {
        var path = Path.Combine(_dir, "pairs.jsonl");
        await PairExport.WriteJsonlAsync(path, Pairs);

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(2, lines.Length);
        using var doc = JsonDocument.Parse(lines[0]);
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["id", "prompt", "chosen", "rejected", "source", "principle_ids", "lineage"], keys);
        Assert.Equal("system", doc.RootElement.GetProperty("prompt")[0].GetProperty("role").GetString());
        Assert.Equal("A cosy story.", doc.RootElement.GetProperty("chosen")[0].GetProperty("content").GetString());
        Assert.Equal(["role", "content"], doc.RootElement.GetProperty("rejected")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(Pairs[1], JsonSerializer.Deserialize<PreferencePair>(lines[1], Cai.Core.Json.CaiJson.Options)! with
        {
            Prompt = Pairs[1].Prompt, Chosen = Pairs[1].Chosen, Rejected = Pairs[1].Rejected, PrincipleIds = Pairs[1].PrincipleIds,
        });
        Assert.Contains("\"label_prob\":0.83", lines[1]);
        Assert.Contains("¡Hola!", lines[1]);
    }

    [Fact]
    public async Task WriteParquetAsync_Pairs_ReadBackEqualWithListOfStructColumns()
    {
        var path = Path.Combine(_dir, "pairs.parquet");
        await PairExport.WriteParquetAsync(path, Pairs);

        var rows = await PairExport.ReadParquetAsync(path);
        Assert.Equal(Pairs.Length, rows.Count);
        for (var i = 0; i < Pairs.Length; i++)
        {
            var expected = PairExport.ToRow(Pairs[i]);
            Assert.Equal(expected.Id, rows[i].Id);
            Assert.Equal(Flatten(expected.Prompt), Flatten(rows[i].Prompt));
            Assert.Equal(Flatten(expected.Chosen), Flatten(rows[i].Chosen));
            Assert.Equal(Flatten(expected.Rejected), Flatten(rows[i].Rejected));
            Assert.Equal(expected.Source, rows[i].Source);
            Assert.Equal(expected.LabelProb, rows[i].LabelProb);
            Assert.Equal(expected.PrincipleIds, rows[i].PrincipleIds);
        }
        Assert.Equal("system", rows[0].Prompt[0].Role);

        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        Assert.Equal(["id", "prompt", "chosen", "rejected", "source", "label_prob", "principle_ids", "lineage"],
            reader.Schema.Fields.Select(f => f.Name));
    }

    [Fact]
    public async Task KtoRows_Pairs_GiveOneDesirableAndOneUndesirableRowEach()
    {
        var rows = KtoRows.From(Pairs).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(["q1#0:chosen", "q1#0:rejected", "q2#0|q2#1:chosen", "q2#0|q2#1:rejected"], rows.Select(r => r.Id));
        Assert.Equal([true, false, true, false], rows.Select(r => r.Label));
        Assert.Equal(Pairs[0].Chosen, rows[0].Completion);
        Assert.Equal(Pairs[0].Rejected, rows[1].Completion);

        var path = Path.Combine(_dir, "kto.jsonl");
        await PairExport.WriteJsonlAsync(path, rows);
        using var doc = JsonDocument.Parse((await File.ReadAllLinesAsync(path))[1]);
        Assert.Equal(["id", "prompt", "completion", "label", "lineage"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.False(doc.RootElement.GetProperty("label").GetBoolean());
    }

    [Fact]
    public void KtoRows_AllPairsOfOnePrompt_OneRowPerAnswerLabelledByNetRecord()
    {
        // Answers a (0 violations), b and c (1 each), d (2): all six comparisons, b-c a tie and so no pair.
        static PreferencePair P(string chosen, string rejected) => new()
        {
            Id = $"{chosen}|{rejected}", Prompt = [Message.User("Tell a story.")], Chosen = [Message.Assistant(chosen)],
            Rejected = [Message.Assistant(rejected)], Source = PreferenceSource.Feedback,
        };
        PreferencePair[] pairs = [P("a", "b"), P("a", "c"), P("a", "d"), P("b", "d"), P("c", "d")];

        var rows = KtoRows.From(pairs).ToList();

        // a: 3 wins; d: 3 losses; b and c: one win and one loss each, so neither desirable nor undesirable.
        Assert.Equal(["a|b:chosen", "a|d:rejected"], rows.Select(r => r.Id));
        Assert.Equal([true, false], rows.Select(r => r.Label));
        Assert.Equal(["a", "d"], rows.Select(r => r.Completion[0].Content));
        // The same answer to another prompt is another row.
        var other = P("a", "b") with { Id = "x", Prompt = [Message.User("Another prompt.")] };
        Assert.Equal(4, KtoRows.From([.. pairs, other]).Count());
    }

    [Fact]
    public async Task WriteJsonlAsync_PairsAndKtoRows_KeepTrlColumnsByteForByteAndAddOurs()
    {
        var pairsPath = Path.Combine(_dir, "pairs.jsonl");
        var ktoPath = Path.Combine(_dir, "kto.jsonl");
        await PairExport.WriteJsonlAsync(pairsPath, Pairs);
        await PairExport.WriteJsonlAsync(ktoPath, KtoRows.From(Pairs));

        // The lines the TRL-only export wrote before the export kept our columns: TRL's columns must not change.
        Assert.Equal(
            """{"prompt":[{"role":"system","content":"Be kind."},{"role":"user","content":"Tell a story."}],"chosen":[{"role":"assistant","content":"A cosy story."}],"rejected":[{"role":"assistant","content":"A scary story."}]}""",
            TrlColumns(File.ReadLines(pairsPath).First(), "prompt", "chosen", "rejected"));
        var ktoLines = await File.ReadAllLinesAsync(ktoPath);
        Assert.Equal(4, ktoLines.Length);
        Assert.Equal(
            """{"prompt":[{"role":"system","content":"Be kind."},{"role":"user","content":"Tell a story."}],"completion":[{"role":"assistant","content":"A scary story."}],"label":false}""",
            TrlColumns(ktoLines[1], "prompt", "completion", "label"));
        using var soft = JsonDocument.Parse(File.ReadLines(pairsPath).Last());
        Assert.Equal(0.83, soft.RootElement.GetProperty("label_prob").GetDouble());
        Assert.Equal("feedback", soft.RootElement.GetProperty("source").GetString());
        Assert.Equal(["p2"], soft.RootElement.GetProperty("principle_ids").EnumerateArray().Select(e => e.GetString()));
        using var kto = JsonDocument.Parse(ktoLines[0]);
        Assert.Equal("kind-stories", kto.RootElement.GetProperty("lineage").GetProperty("constitution").GetString());
    }

    [Fact]
    public async Task WriteParquetAsync_PairWithLineage_KeepsItAsTheJsonlObject()
    {
        var path = Path.Combine(_dir, "lineage.parquet");
        await PairExport.WriteParquetAsync(path, Pairs);

        var rows = await PairExport.ReadParquetAsync(path);

        Assert.Equal(Pairs[0].Lineage, JsonSerializer.Deserialize<Lineage>(rows[0].Lineage!, Cai.Core.Json.CaiJson.Options));
        Assert.Null(rows[1].Lineage);
    }

    /// <summary>The named columns of a JSONL line, re-serialised compactly in that order (what TRL's loader keeps).</summary>
    static string TrlColumns(string line, params string[] columns)
    {
        using var doc = JsonDocument.Parse(line);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Cai.Core.Json.CaiJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            foreach (var column in columns)
            {
                writer.WritePropertyName(column);
                doc.RootElement.GetProperty(column).WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    static IEnumerable<string> Flatten(IEnumerable<ParquetMessage> messages) => messages.Select(m => $"{m.Role}:{m.Content}");
}
