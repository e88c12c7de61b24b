using System.Diagnostics;
using System.Text.RegularExpressions;
using Cai.Cli.Tests.Model;
using Cai.TestKit;

namespace Cai.Cli.Tests.Docs;

/// <summary>
/// The README's <c>```bash</c> blocks run as written. Every command runs, in README order, in a temporary copy of the
/// repository's examples and constitutions with <c>../shared</c> beside it (a link to the shared folder, as CI has it
/// beside the clone), so nothing is written into the repository; <c>./cai</c> there runs the test build's cai.dll, and
/// HF_ENDPOINT points at a closed port, so nothing reaches the network. A command is left out only by a rule of
/// <see cref="Skipped"/>, each with its reason: it serves or calls a network endpoint, reads files the user downloads,
/// is the test run itself, or trains (minutes on a busy 2-core machine; the quickstart's own train: chain runs SFT
/// and DPO). A command that fails names its README line.
/// </summary>
[Collection(TorchCliCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // bash, as the README's blocks are
public sealed class ReadmeCommandsTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("cai-readme-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }

    /// <summary>A command of a README block: its text with continuation lines joined, and the README line it starts on.</summary>
    internal sealed record ReadmeCommand(int Line, string Text);

    /// <summary>A block's commands and its variable assignments (<c>R=...; M=...</c>), which every later command of it sees.</summary>
    internal sealed record ReadmeBlock(int Line, IReadOnlyList<string> Assignments, IReadOnlyList<ReadmeCommand> Commands);

    static readonly (Regex Pattern, string Reason)[] Skipped =
    [
        (new(@"^dotnet test cai\.sln\b"), "the test run itself: Setup_TwoCommands_StayTrue checks what it runs"),
        (new(@"^\./cai serve\b"), "a server that runs until it is stopped"),
        (new(@"--model openai-compatible:\S+@http"), "talks to the `cai serve` above"),
        (new(@"judge:openai:"), "calls OpenAI"),
        (new(@"^\./cai constitution import\b"), "converts files the user downloads (Anthropic's, llm-swarm's JSON)"),
        (new(@"(^|\s)\./cai train\b"), "trains for minutes on a busy 2-core machine (the quickstart's train: chain runs SFT and DPO)"),
    ];

    [Fact]
    public async Task Readme_BashBlocks_EveryCommandNotSkippedByARuleRunsAsWritten()
    {
        SharedData.Require("models", "stories260K", "stories260K.bin");
        var repo = PrepareCopy();
        var blocks = Blocks(File.ReadAllLines(SharedData.Repo("README.md")));
        var ran = new List<int>();

        foreach (var block in blocks)
            foreach (var command in block.Commands)
            {
                if (Skipped.Any(s => s.Pattern.IsMatch(command.Text)))
                    continue;
                var (code, output) = await BashAsync(repo, [.. block.Assignments, command.Text]);
                Assert.True(code == 0, $"README.md:{command.Line} (block at line {block.Line}): `{command.Text}` exited {code}:\n{output}");
                ran.Add(command.Line);
            }

        // The main job, constitution show, the model commands, the eval and report examples: a skip rule that
        // swallowed more would make this test pass without running the README.
        Assert.True(ran.Count >= 9, $"only {ran.Count} README commands ran (lines {string.Join(", ", ran)})");
        Assert.True(File.Exists(Path.Combine(repo, "examples", "quickstart", "runs", "quickstart", "report.html")));
    }

    [Fact]
    public void Setup_TwoCommands_StayTrue()
    {
        var first = Blocks(File.ReadAllLines(SharedData.Repo("README.md")))[0].Commands.Select(c => c.Text).ToList();
        Assert.Equal(["./cai run examples/quickstart/pipeline.yaml", "dotnet test cai.sln"], first);
        // ./cai is the launcher that builds and runs src/Cli; the quickstart config it is given exists.
        var launcher = SharedData.Repo("cai");
        Assert.True(File.GetUnixFileMode(launcher).HasFlag(UnixFileMode.UserExecute), "./cai is not executable");
        Assert.Contains("dotnet build \"$root/src/Cli\"", File.ReadAllText(launcher));
        Assert.True(File.Exists(SharedData.Repo("examples", "quickstart", "pipeline.yaml")));
        // `dotnet test cai.sln` runs every test project, and it is what CI runs.
        var solution = File.ReadAllText(SharedData.Repo("cai.sln")).Replace('\\', '/');
        foreach (var project in Directory.GetFiles(SharedData.Repo("tests"), "*.Tests.csproj", SearchOption.AllDirectories))
            Assert.Contains(Path.GetRelativePath(SharedData.RepoRoot, project).Replace('\\', '/'), solution);
        Assert.Contains("dotnet test cai.sln", File.ReadAllText(SharedData.Repo(".ci", "run")));
    }

    [Fact]
    public void Blocks_ContinuationLinesAndAssignments_JoinedWithTheirReadmeLines()
    {
        string[] readme =
        [
            "text", "```bash", "R=a/b; M=m.bin", "./cai eval --model $M \\", "    --out $R/x.json   # a comment", "```",
            "```yaml", "not: bash", "```",
        ];

        var block = Assert.Single(Blocks(readme));

        Assert.Equal(3, block.Line);
        Assert.Equal(["R=a/b; M=m.bin"], block.Assignments);
        Assert.Equal(new ReadmeCommand(4, "./cai eval --model $M --out $R/x.json"), Assert.Single(block.Commands));
    }

    /// <summary>The ```bash blocks of <paramref name="readme"/>; comments after <c>#</c> that follow a space are dropped.</summary>
    internal static IReadOnlyList<ReadmeBlock> Blocks(IReadOnlyList<string> readme)
    {
        var blocks = new List<ReadmeBlock>();
        for (var i = 0; i < readme.Count; i++)
        {
            if (readme[i].Trim() != "```bash")
                continue;
            var (assignments, commands) = (new List<string>(), new List<ReadmeCommand>());
            var start = i + 2; // 1-based line of the block's first command
            for (i++; i < readme.Count && readme[i].Trim() != "```"; i++)
            {
                var line = i + 1;
                var text = StripComment(readme[i]).Trim();
                while (text.EndsWith('\\') && i + 1 < readme.Count)
                    text = text[..^1].TrimEnd() + " " + StripComment(readme[++i]).Trim();
                if (text.Length == 0)
                    continue;
                if (Regex.IsMatch(text, @"^[A-Z_]+=\S+(;\s*[A-Z_]+=\S+)*;?$"))
                    assignments.Add(text);
                else
                    commands.Add(new ReadmeCommand(line, text));
            }
            blocks.Add(new ReadmeBlock(start, assignments, commands));
        }
        return blocks;
    }

    static string StripComment(string line) => Regex.Replace(line, @"\s+#\s.*$", "");

    // examples/ and constitutions/ without any runs/ folder, ../shared linked, and ./cai running the test build.
    string PrepareCopy()
    {
        var repo = Directory.CreateDirectory(Path.Combine(root, "repo")).FullName;
        foreach (var folder in new[] { "examples", "constitutions" })
            Copy(SharedData.Repo(folder), Path.Combine(repo, folder));
        Directory.CreateSymbolicLink(Path.Combine(root, "shared"), SharedData.Root);
        var launcher = Path.Combine(repo, "cai");
        File.WriteAllText(launcher, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "cai.dll")}' \"$@\"\n");
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return repo;
    }

    static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) != "runs"))
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    static async Task<(int Code, string Output)> BashAsync(string workingDirectory, IReadOnlyList<string> lines)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-euo");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(string.Join("\n", lines));
        start.Environment["HF_ENDPOINT"] = "http://127.0.0.1:9"; // a closed port: any download fails instead of reaching the Hub
        start.Environment["CAI_CACHE"] = Path.Combine(workingDirectory, "..", "cache");
        start.Environment.Remove("CAI_SHARED_DIR"); // ../shared, as the README says
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Far above the quickstart's 23 s: only a hung command should meet it, not a busy machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 10 minutes\n" + await stderr);
        }
        var output = (await stdout) + (await stderr);
        return (process.ExitCode, output.Length > 4000 ? "..." + output[^4000..] : output);
    }
}
