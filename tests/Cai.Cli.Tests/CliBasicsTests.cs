using Cai.Cli.Tests.Model;

namespace Cai.Cli.Tests;

public class CliBasicsTests
{
    [Fact]
    public async Task Version_RealProcess_PrintsVersionAndExitsZero()
    {
        var result = await CliRun.ProcessInAsync(new Dictionary<string, string?>(), AppContext.BaseDirectory, "--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Stdout.Trim());
    }

    [Fact]
    public async Task Help_ListsTheCommandGroups()
    {
        var result = await CliRun.InProcessAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("constitution", result.Stdout);
    }

    [Fact]
    public async Task UnknownCommand_ExitsNonZero()
    {
        var result = await CliRun.InProcessAsync("frobnicate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.Stderr);
    }
}
