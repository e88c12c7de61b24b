using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Tests.Model;

/// <summary><c>cai model pull</c> against a local HTTP server laid out like the Hub's resolve URLs.</summary>
[Collection(TorchCliCollection.Name)]
public sealed class ModelPullTests : IAsyncLifetime
{
    readonly string tempDir = Directory.CreateTempSubdirectory("cai-cli-pull-").FullName;
    WebApplication hub = null!;
    string endpoint = null!;
    readonly List<string> requests = [];

    public async Task InitializeAsync()
    {
        var repoDir = Path.Combine(tempDir, "repo");
        var convert = await CliRun.InProcessAsync("model", "convert", CliRun.Stories260K, "--out", repoDir);
        Assert.Equal(0, convert.ExitCode);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        hub = builder.Build();
        hub.MapGet("/owner/tiny/resolve/{revision}/{file}", (string revision, string file) =>
        {
            lock (requests)
                requests.Add($"{revision}/{file}");
            var path = Path.Combine(repoDir, file);
            return revision == "v1" && File.Exists(path) ? Results.File(path, "application/octet-stream") : Results.NotFound();
        });
        await hub.StartAsync();
        endpoint = hub.Urls.First() + "/";
    }

    public async Task DisposeAsync()
    {
        await hub.DisposeAsync();
        Directory.Delete(tempDir, recursive: true);
    }

    [Fact]
    public async Task Pull_NamedFiles_DownloadsIntoCacheAndModelGenerates()
    {
        var cache = Path.Combine(tempDir, "cache");
        string[] files = ["config.json", "generation_config.json", "model.safetensors", "tokenizer.bin"];

        var pull = await CliRun.InProcessAsync(["model", "pull", "owner/tiny@v1", "--cache", cache, "--endpoint", endpoint,
            .. files.SelectMany(f => new[] { "--file", f })]);

        Assert.Equal(0, pull.ExitCode);
        var folder = pull.Stdout.Trim();
        Assert.Equal(Path.Combine(cache, "owner", "tiny", "v1"), folder);
        foreach (var file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(tempDir, "repo", file)), File.ReadAllBytes(Path.Combine(folder, file)));
        var generate = await CliRun.InProcessAsync("model", "generate", folder, "--prompt", "", "--max-tokens", "16", "--temperature", "0");
        Assert.StartsWith("Once upon a time, there was a little girl", generate.Stdout);
    }

    [Fact]
    public async Task Pull_MissingRevision_OneLineErrorExitOne()
    {
        var pull = await CliRun.InProcessAsync("model", "pull", "owner/tiny@v9", "--cache", Path.Combine(tempDir, "cache"),
            "--endpoint", endpoint, "--file", "config.json");

        Assert.Equal(1, pull.ExitCode);
        Assert.StartsWith("error: cannot pull 'owner/tiny@v9'", pull.Stderr);
        Assert.Contains("v9/config.json", requests);
    }
}
