namespace Cai.Cli.Tests.Model;

[Collection(TorchCliCollection.Name)]
public sealed class ChatCommandTests
{
    [Theory]
    [InlineData("bogus:model", "error: Invalid model spec 'bogus:model': unknown provider 'bogus'")]
    [InlineData("openai-compatible:m", "error: Invalid model spec 'openai-compatible:m': missing base URL")]
    [InlineData("ollama:", "error: Invalid model spec 'ollama:': missing model")]
    public async Task Chat_MalformedSpec_OneLineErrorExitOne(string spec, string expected)
    {
        var result = await CliRun.InProcessAsync("chat", "--model", spec, "--prompt", "hi");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(expected, result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Chat_MissingApiKey_RealProcess_OneLineErrorExitOne()
    {
        var result = await CliRun.ProcessAsync(new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null },
            "chat", "--model", "openai:gpt-4o-mini", "--prompt", "hi");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: Model 'openai:gpt-4o-mini' needs the environment variable OPENAI_API_KEY, which is not set.",
            result.Stderr.Trim());
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Chat_UnknownProvider_RealProcess_OneLineErrorExitOne()
    {
        var result = await CliRun.ProcessAsync(new Dictionary<string, string?>(), "chat", "--model", "gemini:pro", "--prompt", "hi");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: Invalid model spec 'gemini:pro': unknown provider 'gemini'", result.Stderr);
        Assert.DoesNotContain(" at ", result.Stderr);
    }

    [Fact]
    public async Task Chat_LocalSpecRawFormat_PrintsGoldenStory()
    {
        var result = await CliRun.InProcessAsync("chat", "--model", $"local:{CliRun.Stories260K}", "--prompt", "",
            "--chat-format", "raw", "--temperature", "0", "--max-tokens", "20");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Once upon a time, there was a little girl", result.Stdout);
    }
}
