using System.Text;
using Cai.Cli.Tests.Model;

namespace Cai.Cli.Tests.Limits;

/// <summary>
/// Hostile input files through real <c>cai</c> processes: YAML nested 40,000 levels deep (which overflowed the stack
/// and killed the process with a 45k-line trace) and invalid UTF-8 (which was decoded silently) give one line each,
/// naming file, line and column.
/// </summary>
public sealed class InputLimitTests : IDisposable
{
    const int Depth = 40_000;
    static readonly Dictionary<string, string?> NoEnvironment = [];
    readonly string dir = Directory.CreateTempSubdirectory("cai-limits-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string Write(string name, string text) => WriteBytes(name, Encoding.UTF8.GetBytes(text));

    string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    static string DeepList(int depth) => new string('[', depth) + new string(']', depth);

    static string OneLine(CliRun.Result result)
    {
        Assert.NotEqual(0, result.ExitCode);
        Assert.NotEqual(134, result.ExitCode); // SIGABRT: the stack overflow this guards against
        return Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ConstitutionValidate_Nested40kLevels_OneLineNamingFileLineColumn()
    {
        var path = Write("deep.yaml", "name: deep\nprinciples: " + DeepList(Depth) + "\n");

        var result = await CliRun.ProcessAsync(NoEnvironment, "constitution", "validate", path);

        var line = OneLine(result);
        // The root mapping is the first level, so the 64th '[' (column 13 + 63) is the 65th.
        Assert.Equal($"{path}:2:{13 + 63}: nesting deeper than 64 levels of mappings and lists", line);
    }

    [Fact]
    public async Task ConstitutionValidate_InvalidUtf8_OneLineNamingFileLineColumn()
    {
        var bytes = Encoding.UTF8.GetBytes("name: bad\nprinciples:\n  - id: caf\u00e9 x").Concat(new byte[] { 0xFF, 0x0A }).ToArray();
        var path = WriteBytes("latin1.yaml", bytes);

        var result = await CliRun.ProcessAsync(NoEnvironment, "constitution", "validate", path);

        Assert.Equal($"{path}:3:15: invalid UTF-8 byte 0xFF; save the file as UTF-8", OneLine(result));
    }

    [Fact]
    public async Task Run_PipelineConfigNested40kLevels_OneLine()
    {
        var path = Write("pipeline.yaml", "seed: 1\nprompts: " + DeepList(Depth) + "\n");

        var result = await CliRun.ProcessAsync(NoEnvironment, "run", path);

        Assert.Contains($"{path}:2:", OneLine(result));
        Assert.Contains("nesting deeper than 64 levels", result.Stderr);
    }

    [Fact]
    public async Task Train_TrainingConfigNested40kLevels_OneLine()
    {
        var config = Write("dpo.yaml", "beta: " + new string('{', Depth) + new string('}', Depth) + "\n");
        var data = Write("pairs.jsonl", "");

        var result = await CliRun.ProcessAsync(NoEnvironment, "train", "dpo", "--model", CliRun.Stories260K, "--data", data,
            "--config", config, "--out", Path.Combine(dir, "out"));

        Assert.Contains($"{config}:1:", OneLine(result));
        Assert.Contains("nesting deeper than 64 levels", result.Stderr);
    }

    [Fact]
    public async Task Generate_PromptsWithInvalidUtf8_FailsNamingFileLineColumn()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"id\": \"a\", \"prompt\": \"ok\"}\n{\"id\": \"b\", \"prompt\": \"x")
            .Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}\n")).ToArray();
        var input = WriteBytes("prompts.jsonl", bytes);

        var result = await CliRun.InProcessAsync("generate", "--in", input, "--out", Path.Combine(dir, "o"), "-m",
            "openai-compatible:m@http://127.0.0.1:9/v1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{input}:2:25: invalid UTF-8 byte 0xC3", result.Stderr);
    }
}
