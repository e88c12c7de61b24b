using System.Text.Json;

namespace Cai.Cli.Tests.Model;

[Collection(TorchCliCollection.Name)]
public sealed class ModelCommandTests : IDisposable
{
    readonly string tempDir = Directory.CreateTempSubdirectory("cai-cli-model-").FullName;

    public void Dispose() => Directory.Delete(tempDir, recursive: true);

    [Fact]
    public async Task Generate_GreedyFromEmptyPrompt_PrintsTheGoldenStoryAndATimingLine()
    {
        var result = await CliRun.InProcessAsync("model", "generate", CliRun.Stories260K, "--prompt", "", "--max-tokens", "64", "--temperature", "0");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Once upon a time, there was a little girl named Lily.", result.Stdout);
        Assert.DoesNotContain("tokens/s", result.Stdout);
        // The timing line, on stderr so the text on stdout stays clean (issue 13): prompt = BOS alone, 64 new tokens.
        Assert.Matches(@"^\[[0-9:]+ INF\] prompt 1 tokens, generated 64 tokens in [0-9.]+ s \([0-9.]+ tokens/s\)\r?\n$", result.Stderr);
    }

    [Fact]
    public async Task Generate_Quiet_PrintsNoTimingLine()
    {
        var result = await CliRun.InProcessAsync("model", "generate", CliRun.Stories260K, "--prompt", "", "--max-tokens", "8",
            "--temperature", "0", "--quiet", "--threads", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Generate_ZeroThreads_OneLineError()
    {
        var result = await CliRun.InProcessAsync("model", "generate", CliRun.Stories260K, "--prompt", "", "--threads", "0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--threads must be at least 1", result.Stderr);
    }

    [Fact]
    public async Task Generate_SameSeed_SameText()
    {
        string[] args = ["model", "generate", CliRun.Stories260K, "--prompt", "Tom", "--max-tokens", "20", "--seed", "11"];

        var a = await CliRun.InProcessAsync(args);
        var b = await CliRun.InProcessAsync(args);

        Assert.Equal(a.Stdout, b.Stdout);
        Assert.NotEqual("", a.Stdout.Trim());
    }

    [Fact]
    public async Task Generate_NegativeTemperature_OneLineErrorNamingOption()
    {
        var result = await CliRun.InProcessAsync("model", "generate", CliRun.Stories260K, "--prompt", "x", "--temperature", "-1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --temperature: must be in [0, 100] (got -1)", result.Stderr.Trim());
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Score_PrintsLogpAndTokenCount()
    {
        var result = await CliRun.InProcessAsync("model", "score", CliRun.Stories260K, "--prompt", "Once upon a time", "--completion", ", there was");

        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(3, json.GetProperty("tokens").GetInt32());
        var logp = json.GetProperty("logp").GetDouble();
        Assert.InRange(logp, -5, -1e-6);
    }

    [Fact]
    public async Task Info_PrintsArchitectureParametersAndConfig()
    {
        var result = await CliRun.InProcessAsync("model", "info", CliRun.Stories260K);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("260,032", result.Stdout);
        Assert.Contains("llama", result.Stdout);
        Assert.Contains("config.HiddenSize", result.Stdout);
    }

    [Fact]
    public async Task Convert_ThenGenerateFromFolder_GivesSameText()
    {
        var outDir = Path.Combine(tempDir, "hf");
        var convert = await CliRun.InProcessAsync("model", "convert", CliRun.Stories260K, "--out", outDir);
        string[] generate = ["--prompt", "", "--max-tokens", "32", "--temperature", "0"];

        var fromBin = await CliRun.InProcessAsync(["model", "generate", CliRun.Stories260K, .. generate]);
        var fromFolder = await CliRun.InProcessAsync(["model", "generate", outDir, .. generate]);

        Assert.Equal(0, convert.ExitCode);
        Assert.Contains(Path.Combine(outDir, "model.safetensors"), convert.Stdout);
        Assert.Equal(fromBin.Stdout, fromFolder.Stdout);
    }

    [Fact]
    public async Task Generate_MissingModel_OneLineError()
    {
        var result = await CliRun.InProcessAsync("model", "generate", Path.Combine(tempDir, "nope.bin"), "--prompt", "x");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: Model '", result.Stderr);
        Assert.Contains("nope.bin", result.Stderr);
    }

    [Fact]
    public async Task Pull_UnreachableEndpoint_OneLineError()
    {
        var result = await CliRun.InProcessAsync("model", "pull", "owner/name", "--cache", tempDir, "--endpoint", "http://127.0.0.1:9/");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: cannot pull 'owner/name'", result.Stderr);
    }
}
