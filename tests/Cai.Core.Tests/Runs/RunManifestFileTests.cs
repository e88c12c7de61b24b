using System.Text.Json.Nodes;
using Cai.Core.Runs;
using Cai.Core.Tests.Storage;

namespace Cai.Core.Tests.Runs;

public class RunManifestFileTests : IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task SaveAsync_ThenLoadAsync_RoundTripsEveryField()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var manifest = RunManifest.Start("run-1", clock) with
        {
            Config = new JsonObject { ["rounds"] = 2, ["policy"] = "rules" },
            Constitution = "harmless",
            ConstitutionHash = "abc",
            Models = new Dictionary<string, string> { ["policy"] = "rules" },
            Seed = 7,
        };
        clock.Now = clock.Now.AddSeconds(90);
        manifest = manifest.WithStage("generate", new StageSummary
        {
            Written = 10, Failed = 1, Skipped = 2, StartedAt = manifest.StartedAt, FinishedAt = clock.Now,
        }).Finish(clock);

        await RunManifestFile.SaveAsync(manifest, dir.Path);
        var loaded = await RunManifestFile.LoadAsync(dir.Path);

        Assert.Equal("run-1", loaded.RunId);
        Assert.True(JsonNode.DeepEquals(manifest.Config, loaded.Config));
        Assert.Equal(("harmless", "abc", 7L), (loaded.Constitution, loaded.ConstitutionHash, loaded.Seed!.Value));
        Assert.Equal("rules", loaded.Models!["policy"]);
        Assert.Equal(RunManifest.CurrentCodeVersion, loaded.CodeVersion);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), loaded.StartedAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 5, 35, TimeSpan.Zero), loaded.FinishedAt);
        var stage = loaded.Stages["generate"];
        Assert.Equal((10, 1, 2, 90.0), (stage.Written, stage.Failed, stage.Skipped, stage.DurationSeconds!.Value));
        var json = await File.ReadAllTextAsync(dir.File(RunManifestFile.FileName));
        Assert.Contains("\"constitution_hash\": \"abc\"", json);
        Assert.Contains("\"started_at\": \"2026-01-02T03:04:05+00:00\"", json);
    }

    [Fact]
    public async Task SaveAsync_Twice_ReplacesFileAndLeavesNoTempFiles()
    {
        var clock = new FixedTimeProvider(DateTimeOffset.UnixEpoch);
        await RunManifestFile.SaveAsync(RunManifest.Start("a", clock), dir.Path);
        await RunManifestFile.SaveAsync(RunManifest.Start("b", clock), dir.Path);

        Assert.Equal("b", (await RunManifestFile.LoadAsync(dir.Path)).RunId);
        Assert.Equal([RunManifestFile.FileName], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task LoadAsync_WrongType_ThrowsNamingFileLineAndField()
    {
        var path = dir.File(RunManifestFile.FileName);
        await File.WriteAllTextAsync(path, "{\n  \"run_id\": \"r\",\n  \"started_at\": \"2026-01-01T00:00:00Z\",\n  \"seed\": \"seven\"\n}\n");

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => RunManifestFile.LoadAsync(dir.Path));

        Assert.StartsWith($"{path}:4: ", ex.Message);
        Assert.EndsWith("(field 'seed')", ex.Message);
    }

    [Fact]
    public async Task LoadAsync_NoManifest_ThrowsFileNotFound()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => RunManifestFile.LoadAsync(dir.Path));
    }
}
