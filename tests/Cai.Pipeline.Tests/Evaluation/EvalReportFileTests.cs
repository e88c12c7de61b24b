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
