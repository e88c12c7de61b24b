using System.Text.Json;
using Cai.Core.Json;
using Cai.Core.Records;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Config;
using Cai.Pipeline.Tests.Runner;
using Cai.Preference;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cai.Pipeline.Tests.Composition;

public sealed class RunExportsTests : IDisposable
{
    readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    static PreferencePair Pair(int i, string chosen = "good") => new()
    {
        Id = $"pair-{i}",
        Prompt = [Message.User($"prompt {i}")],
        Chosen = [Message.Assistant(chosen)],
        Rejected = [Message.Assistant("bad")],
        Source = PreferenceSource.Revision,
    };

    [Fact]
    public async Task WriteAsync_PairsFile_SplitsFiltersAndWritesJsonlParquetKto()
    {
        PreferencePair[] pairs = [.. Enumerable.Range(0, 40).Select(i => Pair(i)), Pair(99, chosen: "bad")];
        File.WriteAllLines(dir.File("prefs.jsonl"), pairs.Select(p => JsonSerializer.Serialize(p, CaiJson.Options)));
        var config = PipelineConfigLoader.Parse("""
            prompts: { path: p.jsonl }
            constitution: c.yaml
            models: { policy: rules }
            pairs: { test_fraction: 0.25, exports: [jsonl, parquet, kto] }
            """, dir.File("pipeline.yaml"));

        var files = await RunExports.WriteAsync(config, dir.Path, NullLogger.Instance, default);

        Assert.Equal(6, files.Count);
        var train = File.ReadAllLines(Path.Combine(dir.Path, "pairs", "train.jsonl"));
        var test = File.ReadAllLines(Path.Combine(dir.Path, "pairs", "test.jsonl"));
        Assert.Equal(40, train.Length + test.Length);
        Assert.InRange(test.Length, 3, 20);
        // TRL's columns plus ours (TRL ignores the extra ones); a hard-labelled revision pair has no label_prob.
        Assert.Equal(["id", "prompt", "chosen", "rejected", "source"], JsonDocument.Parse(train[0]).RootElement.EnumerateObject().Select(p => p.Name));
        var parquet = await PairExport.ReadParquetAsync(Path.Combine(dir.Path, "pairs", "train.parquet"));
        Assert.Equal(train.Length, parquet.Count);
        Assert.Equal(2 * test.Length, File.ReadAllLines(Path.Combine(dir.Path, "pairs", "test.kto.jsonl")).Length);
    }

    [Fact]
    public async Task WriteAsync_SeveralPairsPerPrompt_KeepsEachPromptOnOneSide()
    {
        // All-pairs feedback makes several pairs per prompt; split by pair id, a prompt would be trained on and held out.
        var pairs = Enumerable.Range(0, 30).SelectMany(p => Enumerable.Range(0, 3).Select(k => Pair(p, chosen: $"good {k}") with { Id = $"q{p}#{k}" }));
        File.WriteAllLines(dir.File("prefs.jsonl"), pairs.Select(p => JsonSerializer.Serialize(p, CaiJson.Options)));
        var config = PipelineConfigLoader.Parse("""
            prompts: { path: p.jsonl }
            constitution: c.yaml
            models: { policy: rules }
            pairs: { test_fraction: 0.3, exports: [jsonl] }
            """, dir.File("pipeline.yaml"));

        await RunExports.WriteAsync(config, dir.Path, NullLogger.Instance, default);

        string[] Prompts(string split) => [.. File.ReadAllLines(Path.Combine(dir.Path, "pairs", split + ".jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("prompt")[0].GetProperty("content").GetString()!)];
        var (train, test) = (Prompts("train"), Prompts("test"));
        Assert.Equal(90, train.Length + test.Length);
        Assert.NotEmpty(test);
        Assert.Empty(train.Intersect(test));
        Assert.All(test.CountBy(p => p), c => Assert.Equal(3, c.Value));
    }

    [Fact]
    public async Task WriteAsync_SftExport_WritesEachRevisedPromptsFinalRevisionSplitLikeThePairs()
    {
        var revised = Enumerable.Range(0, 30).Select(i => RevisedRecord.From(
            new SampleRecord { Id = $"q{i}-s0", PromptId = $"q{i}", Messages = [Message.User($"prompt {i}")], Response = Message.Assistant("bad"), Model = "m" },
            [new RevisionRound { PrincipleId = "p", CritiqueRequest = "cr", Critique = "c", RevisionRequest = "rr", Revision = $"good {i}" }],
            Message.Assistant($"good {i}"), null, null));
        File.WriteAllLines(dir.File("revise.jsonl"), revised.Select(r => JsonSerializer.Serialize(r, CaiJson.Options)));
        File.WriteAllLines(dir.File("prefs.jsonl"), Enumerable.Range(0, 30).Select(i => JsonSerializer.Serialize(Pair(i), CaiJson.Options)));
        var config = PipelineConfigLoader.Parse("""
            prompts: { path: p.jsonl }
            constitution: c.yaml
            models: { policy: rules }
            pairs: { test_fraction: 0.3, exports: [jsonl, sft] }
            """, dir.File("pipeline.yaml"));

        var files = await RunExports.WriteAsync(config, dir.Path, NullLogger.Instance, default);

        Assert.Contains(Path.Combine(dir.Path, "pairs", "sft.jsonl"), files);
        string[] Prompts(string file) => [.. File.ReadAllLines(Path.Combine(dir.Path, "pairs", file))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty(file.StartsWith("sft", StringComparison.Ordinal) ? "messages" : "prompt")[0].GetProperty("content").GetString()!)];
        Assert.Equal(Prompts("train.jsonl").Order(), Prompts("sft.jsonl").Order());
        Assert.Equal(Prompts("test.jsonl").Order(), Prompts("sft.test.jsonl").Order());
        Assert.NotEmpty(Prompts("sft.test.jsonl"));
        var row = JsonDocument.Parse(File.ReadLines(Path.Combine(dir.Path, "pairs", "sft.jsonl")).First()).RootElement;
        Assert.Equal(["id", "messages"], row.EnumerateObject().Select(p => p.Name));
        var last = row.GetProperty("messages")[1];
        Assert.Equal("assistant", last.GetProperty("role").GetString());
        Assert.StartsWith("good ", last.GetProperty("content").GetString());
    }
}
