using System.Text.Json.Nodes;
using Cai.Core.Judging;
using Cai.Pipeline.Evaluation;

namespace Cai.Pipeline.Tests.Evaluation;

public sealed class EvalReportFileTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("cai-evalreport-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static EvalReport Sample() => new()
    {
        Model = "policy.bin",
        Seed = 42,
        Prompts = 2,
        SamplesPerPrompt = 3,
        MaxTokens = 16,
        Temperature = 0.7,
        Constitution = "kind-stories",
        ConstitutionHash = "0123456789abcdef0123",
        WinRate = WinRateResult.From("a", "b", "rules", [PairVerdict.AWins, PairVerdict.Tie]),
        RewardAccuracy = new RewardAccuracyResult { RunDirectory = "r", Note = "no metrics.jsonl in 'r'" },
    };

    [Fact]
    public async Task SaveAsync_ThenLoad_RoundTripsSnakeCase()
    {
        var path = Path.Combine(dir, "sub", "eval.json");

        await EvalReportFile.SaveAsync(Sample(), path);
        var loaded = EvalReportFile.Load(path);

        var json = File.ReadAllText(path);
        Assert.Contains("\"samples_per_prompt\": 3", json);
        Assert.Contains("\"win_rate\": 0.75", json);
        Assert.Equal(0.75, loaded.WinRate!.WinRate);
        Assert.Equal((42L, 3, "kind-stories"), (loaded.Seed, loaded.SamplesPerPrompt, loaded.Constitution));
    }

    // The eval.json that examples/experiment/summarize.py and earlier reports read: every metric, every field.
    const string EveryField = """
        {
          "model": "policy", "reference": "ref", "compare": "base", "constitution": "kind-stories", "constitution_hash": "abc",
          "held_out_constitution": "held", "held_out_constitution_hash": "def", "judge": "rules", "seed": 7, "prompts": 2,
          "samples_per_prompt": 2, "max_tokens": 16, "temperature": 0.7, "chat_format": "llama3", "created_at": "2026-01-02T03:04:05+00:00",
          "violation_rate": {
            "model": "policy", "completions": 4, "violation_rate": 0.25, "standard_error": 0.2165, "prompt_standard_error": 0.25,
            "mean_violations": 0.5, "per_principle": { "kind": 0.25 },
            "samples": [ { "prompt_id": "p1", "sample_index": 0, "prompt": "Once", "completion": "upon", "violations": [ "kind" ] } ]
          },
          "held_out_violation_rate": {
            "model": "policy", "completions": 4, "violation_rate": 0, "standard_error": 0, "mean_violations": 0, "per_principle": {}, "samples": []
          },
          "reward_score": { "reward_model": "rm", "completions": 4, "mean": 0.5, "prompt_standard_error": 0.1, "scores": [0.5, 0.25, 0.75, 0.5] },
          "kl": { "policy": "policy", "reference": "ref", "sequences": 4, "tokens": 40, "kl_per_sequence": 1.5, "standard_error": 0.3, "kl_per_token": 0.15, "skipped_empty": 1 },
          "win_rate": { "model_a": "policy", "model_b": "base", "judge": "rules", "pairs": 4, "wins": 2, "losses": 1, "ties": 1, "win_rate": 0.625, "standard_error": 0.2 },
          "hhh": { "judge": "j", "count": 10, "correct": 7, "ties": 1, "accuracy": 0.7, "standard_error": 0.145, "mean_correct_probability": 0.6 },
          "reward_accuracy": { "run_directory": "r", "metric": "eval_accuracy", "accuracy": 0.8, "step": 20 }
        }
        """;

    [Fact]
    public async Task LoadThenSave_EveryField_KeepsTheFileShape()
    {
        var path = Path.Combine(dir, "eval.json");
        File.WriteAllText(path, EveryField);

        await EvalReportFile.SaveAsync(EvalReportFile.Load(path), path);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(EveryField), JsonNode.Parse(File.ReadAllText(path))), File.ReadAllText(path));
    }

    [Fact]
    public void Load_MissingRequiredField_ThrowsNamingFile()
    {
        var path = Path.Combine(dir, "eval.json");
        File.WriteAllText(path, """{"model": "m"}""");

        var ex = Assert.Throws<InvalidDataException>(() => EvalReportFile.Load(path));

        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Format_ReportWithWinRate_ShowsHeaderAndRows()
    {
        var text = EvalReportTable.Format(Sample());

        Assert.Contains("seed 42", text);
        Assert.Contains("kind-stories (0123456789ab)", text);
        Assert.Contains("win rate", text);
        Assert.Contains("0.7500", text);
        Assert.Contains("1 wins, 0 losses, 1 ties", text);
        Assert.Contains("no metrics.jsonl", text);
    }
}
