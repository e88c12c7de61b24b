using System.CommandLine;
using System.CommandLine.Invocation;
using Cai.Cli.Hosting;
using Cai.Cli.Tests.Model;
using Cai.TestKit;

namespace Cai.Cli.Tests;

/// <summary>A start builds only the commands its command line reaches, and nothing a user sees changes for that.</summary>
public sealed class CommandReachTests : IDisposable
{
    readonly CliContext context = new(TextWriter.Null, TextWriter.Null);

    public void Dispose() => context.Dispose();

    [Fact]
    public void Of_CommandLineStartingWithACommand_BuildsOnlyThatCommand()
    {
        var root = CaiApp.BuildRootCommand(context, CommandReach.Of(["train", "dpo", "--model", "m"]));

        var train = Assert.Single(root.Subcommands);
        Assert.Equal("train", train.Name);
        var dpo = Assert.Single(train.Subcommands);
        Assert.Equal("dpo", dpo.Name);
        Assert.Contains(dpo.Options, o => o.Name == "--beta");
    }

    [Fact]
    public void Of_HelpOfTheRoot_ListsEveryCommandButBuildsNoGroupsCommands()
    {
        var full = CaiApp.BuildRootCommand(context);

        var root = CaiApp.BuildRootCommand(context, CommandReach.Of(["--help"]));

        Assert.Equal(full.Subcommands.Select(c => c.Name), root.Subcommands.Select(c => c.Name));
        Assert.Empty(root.Subcommands.Single(c => c.Name == "train").Subcommands);
        Assert.Equal(["run-dir"], root.Subcommands.Single(c => c.Name == "report").Arguments.Select(a => a.Name));
    }

    [Fact]
    public void Of_CommandNamedAfterAnOption_BuildsThatCommandInFull()
    {
        var root = CaiApp.BuildRootCommand(context, CommandReach.Of(["--quiet", "train", "dpo"]));

        Assert.Equal(8, root.Subcommands.Single(c => c.Name == "train").Subcommands.Count);
        Assert.Empty(root.Subcommands.Single(c => c.Name == "model").Subcommands);
    }

    [Fact]
    public async Task Help_EveryCommand_SameAsTheFullTreesHelp()
    {
        var full = CaiApp.BuildRootCommand(context);
        string[][] paths = [[], .. Paths(full, []), ["--quiet", "train", "dpo"], ["train", "--log-level", "debug", "sft"]];
        Assert.True(paths.Length >= 30, $"only {paths.Length} command paths");

        foreach (var path in paths)
        {
            string[] args = [.. path, "--help"];
            var lazy = await CliRun.InProcessAsync(args);

            Assert.Equal(0, lazy.ExitCode);
            Assert.Contains("Usage:", lazy.Stdout);
            Assert.Equal(HelpOf(full, args), lazy.Stdout);
        }
    }

    [Fact]
    public async Task Run_SubCommandOfAGroup_RunsWithTheLazyRoot()
    {
        var file = SharedData.Repo("constitutions", "harmless.yaml");

        var result = await CliRun.InProcessAsync("constitution", "validate", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{file}: ok (", result.Stdout);
    }

    [Fact]
    public void Build_CommandNotNamedAsListed_Throws()
    {
        var sub = new SubCommand("chat", _ => new Command("talk"));

        var error = Assert.Throws<InvalidOperationException>(() => sub.Build(context, CommandReach.Full));

        Assert.Contains("'talk'", error.Message);
    }

    static IEnumerable<string[]> Paths(Command command, string[] path) =>
        command.Subcommands.SelectMany(c => Paths(c, [.. path, c.Name]).Prepend([.. path, c.Name]));

    // The help page as the whole tree prints it, its flags described as CaiApp describes them.
    static string HelpOf(RootCommand full, string[] args)
    {
        var parse = full.Parse(args);
        FlagHelp.Fill(parse.CommandResult.Command);
        var output = new StringWriter();
        Assert.Equal(0, parse.Invoke(new InvocationConfiguration { Output = output }));
        return output.ToString();
    }
}
