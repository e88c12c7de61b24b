using System.Text.RegularExpressions;
using Cai.TestKit;

namespace Cai.Architecture.Tests;

/// <summary>Habits of STYLE.md that a text scan of src can enforce.</summary>
public class SourceRulesTests
{
    static IEnumerable<(string File, int Line, string Text)> SourceLines(Func<string, bool> includeProject)
    {
        foreach (var dir in Directory.GetDirectories(SharedData.Repo("src")).Where(d => includeProject(Path.GetFileName(d))))
            foreach (var file in Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                    yield return (Path.GetRelativePath(SharedData.RepoRoot, file), i + 1, lines[i]);
            }
    }

    static void AssertNone(Func<string, bool> includeProject, Regex pattern, string why)
    {
        var hits = SourceLines(includeProject)
            .Where(l => !l.Text.TrimStart().StartsWith("//") && pattern.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(hits.Count == 0, why + Environment.NewLine + string.Join(Environment.NewLine, hits));
    }

    [Fact]
    public void Sources_NeverReadTheWallClockDirectly()
    {
        AssertNone(_ => true, new Regex(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b"),
            "Inject TimeProvider instead of reading the clock (STYLE.md item 5):");
    }

    [Fact]
    public void Libraries_NeverWriteToTheConsole()
    {
        AssertNone(p => p != "Cli", new Regex(@"\bConsole\.(Write|WriteLine|Out|Error)\b"),
            "Libraries log through ILogger<T>; only the CLI writes to the console:");
    }

    [Fact]
    public void Sources_NeverUseUnseededRandom()
    {
        AssertNone(_ => true, new Regex(@"new Random\(\s*\)|Random\.Shared"),
            "Randomness must be seeded and recorded (STYLE.md item 5):");
    }

    [Fact]
    public void Sources_HaveNoCatchAllHelperFiles()
    {
        var bad = Directory.GetFiles(SharedData.Repo("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is "Utils.cs" or "Helpers.cs" or "Util.cs" or "Helper.cs")
            .ToList();
        Assert.Empty(bad);
    }

    [Fact]
    public void Cli_DeclaresNoPublicTypes()
    {
        AssertNone(p => p == "Cli", new Regex(@"^public\s"),
            "The CLI is an executable, not an API: its types are internal (STYLE.md item 10):");
    }

    [Fact]
    public void Sources_SetTheTorchThreadCountOnlyInTorchThreads()
    {
        var hits = SourceLines(_ => true)
            .Where(l => l.Text.Contains("set_num_threads(") && !l.File.EndsWith(Path.Combine("Models", "TorchThreads.cs")))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(hits.Count == 0, "The process-wide thread count is set once at startup by TorchThreads, never as a side effect:"
            + Environment.NewLine + string.Join(Environment.NewLine, hits));
    }
}
