using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Cai.Cli.Tests.Model;

/// <summary>
/// An HF config.json that disagrees with its checkpoint is refused by a real <c>cai</c> process in one line, before
/// the model is built; a libtorch error is one line too, never its C++ stack.
/// </summary>
[Collection(TorchCliCollection.Name)]
public sealed class ModelConfigLimitTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("cai-hf-limits-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("num_hidden_layers", 1_000_000L)]
    [InlineData("hidden_size", 1_000_000_000L)]
    public async Task ModelGenerate_HugeConfigField_OneLineNamingConfigAndField(string field, long value)
    {
        var folder = Path.Combine(dir, "hf");
        Assert.Equal(0, (await CliRun.InProcessAsync("model", "convert", CliRun.Stories260K, "--out", folder)).ExitCode);
        var path = Path.Combine(folder, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        config[field] = value;
        File.WriteAllText(path, config.ToJsonString());

        var result = await CliRun.ProcessAsync(new Dictionary<string, string?>(), "model", "generate", folder, "--prompt", "Once");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot load model ", line);
        Assert.Contains($"{path}: field '{field}': {value}", line);
    }

    [Fact]
    public void Describe_LibtorchError_FirstLineOnly()
    {
        var error = new ExternalException("Expected false to be true, but got false.\nException raised from toFloat at c10/core/Scalar.h:62\nframe #0: c10::Error::Error");

        Assert.Equal("libtorch: Expected false to be true, but got false. (run with --log-level debug for the native stack)", CaiApp.Describe(error));
    }
}
