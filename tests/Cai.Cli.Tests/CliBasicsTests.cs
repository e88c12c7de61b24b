namespace Cai.Cli.Tests;

public class CliBasicsTests
{
    [Fact]
    public async Task Version_RealProcess_PrintsVersionAndExitsZero()
    {
        var result = await CaiProcess.RunAsync(AppContext.BaseDirectory, "--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Stdout.Trim());
    }

    [Fact]
    public async Task Help_ListsTheCommandGroups()
    {
        var result = await InProcessCai.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("constitution", result.Stdout);
    }

    [Fact]
    public async Task UnknownCommand_ExitsNonZero()
    {
        var result = await InProcessCai.RunAsync("frobnicate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.Stderr);
    }
}
