using System.Text.Json;
using Cai.TestKit;
using Cai.TestKit.FaultServer;
using static Cai.Cli.Tests.Run.RunFixture;

namespace Cai.Cli.Tests.Run;

/// <summary><c>cai generate|critique|revise|prefs</c> chained by hand over the fault server's deterministic answers.</summary>
public sealed class StageCommandTests : IDisposable
{
    readonly RunFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task Stages_ChainedByHand_EachWritesItsFileAndGenerateResumes()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Responder = Storyteller.Answer });
        var prompts = fixture.WritePrompts(4);
        var spec = $"openai-compatible:m@{server.BaseUrl}";
        var constitution = SharedData.Repo("constitutions", "kind-stories.yaml");
        string D(string name) => Path.Combine(fixture.Dir, name);

        var generate = await RunInProcessAsync("generate", "--in", prompts, "--out", D("gen"), "-m", spec, "--temperature", "0", "--quiet");
        var requests = server.RequestCount;
        var again = await RunInProcessAsync("generate", "--in", prompts, "--out", D("gen"), "-m", spec, "--quiet");
        var critique = await RunInProcessAsync("critique", "--in", D("gen/generate.jsonl"), "--out", D("crit"), "-c", constitution,
            "--seed", "3", "--quiet");
        var revise = await RunInProcessAsync("revise", "--in", D("gen/generate.jsonl"), "--out", D("rev"), "-c", constitution,
            "--reviser", spec, "--rounds", "1", "--quiet");
        var prefs = await RunInProcessAsync("prefs", "--in", D("rev/revise.jsonl"), "--out", D("prefs"), "-c", constitution,
            "--mode", "Revision", "--quiet");

        Assert.All(new[] { generate, again, critique, revise, prefs }, r => Assert.True(r.Code == 0, r.Err));
        Assert.Equal(8, requests);
        // The rerun of generate asked nothing; revise asked the reviser once per round whose check found a problem.
        var revisionsAsked = SortedLines(D("rev"), "revise.jsonl")
            .Count(l => !JsonDocument.Parse(l).RootElement.GetProperty("rounds")[0].TryGetProperty("revision_needed", out _));
        Assert.Equal(requests + revisionsAsked, server.RequestCount);
        Assert.Equal(8, Ids(D("gen"), "generate.jsonl").Count);
        Assert.Equal(8, Ids(D("crit"), "critique.jsonl").Count);
        Assert.Equal(8, Ids(D("rev"), "revise.jsonl").Count);
        var pairs = SortedLines(D("prefs"), "prefs.jsonl").Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(revisionsAsked, pairs.Count);
        Assert.All(pairs, p => Assert.Contains("monster", p.GetProperty("rejected")[0].GetProperty("content").GetString()));
        Assert.Contains("generate: 8 written, 0 failed", generate.Out);

        // cai revise continues cai critique's rows: each one's pending critique is revised, no new round is drawn (a new
        // one would draw its principle from revise's seed, 0, not critique's 3).
        var reviseCritiques = await RunInProcessAsync("revise", "--in", D("crit/critique.jsonl"), "--out", D("rev2"), "-c", constitution,
            "--reviser", spec, "--rounds", "1", "--quiet");

        Assert.True(reviseCritiques.Code == 0, reviseCritiques.Err);
        var critiqued = Rounds(D("crit"), "critique.jsonl");
        var continued = Rounds(D("rev2"), "revise.jsonl");
        Assert.Equal(critiqued.Keys.Order(), continued.Keys.Order());
        Assert.All(critiqued, c => Assert.Equal(c.Value, continued[c.Key]));
        Assert.All(SortedLines(D("rev2"), "revise.jsonl"), l => Assert.True(
            JsonDocument.Parse(l).RootElement.GetProperty("rounds")[0].TryGetProperty("revision", out _)));
    }

    // Each row's id and its rounds' (principle, critique), from a critique.jsonl or revise.jsonl.
    static Dictionary<string, string> Rounds(string dir, string file) => SortedLines(dir, file)
        .Select(l => JsonDocument.Parse(l).RootElement)
        .ToDictionary(r => r.GetProperty("id").GetString()!, r => string.Join(" | ", r.GetProperty("rounds").EnumerateArray()
            .Select(round => $"{round.GetProperty("principle_id").GetString()}: {round.GetProperty("critique").GetString()}")));

    [Theory]
    [InlineData("adjacent", new[] { "p#0|p#1", "p#2|p#3" })]
    [InlineData("all", new[] { "p#0|p#1", "p#0|p#3", "p#1|p#2", "p#2|p#3" })]
    public async Task Prefs_FeedbackPairing_ComparesAdjacentOrAllSamples(string pairing, string[] expected)
    {
        // Kind, scary, kind, scary: the rules judge decides every kind-vs-scary comparison and ties the others.
        string[] stories =
        [
            "The cat shared a red ball with a friend.", "The monster hit the dog in the dark.",
            "The bird sang a happy song in the sun.", "The monster hit the cat in the dark.",
        ];
        var input = Path.Combine(fixture.Dir, "samples.jsonl");
        File.WriteAllLines(input, stories.Select((story, i) => JsonSerializer.Serialize(new
        {
            id = $"p#{i}", prompt_id = "p", messages = new[] { new { role = "user", content = "Tell a story." } },
            response = new { role = "assistant", content = story }, sample_index = i, model = "fake:m",
        })));
        var output = Path.Combine(fixture.Dir, pairing);

        var (code, _, error) = await RunInProcessAsync("prefs", "--in", input, "--out", output, "-c",
            SharedData.Repo("constitutions", "kind-stories.yaml"), "--mode", "Feedback", "--samples-per-prompt", "4",
            "--pairing", pairing, "--ensemble", "10", "--quiet");

        Assert.True(code == 0, error);
        var pairs = SortedLines(output, "prefs.jsonl").Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(expected, pairs.Select(p => p.GetProperty("id").GetString()));
        Assert.All(pairs, p => Assert.DoesNotMatch("monster", p.GetProperty("chosen")[0].GetProperty("content").GetString()!));
    }

    [Fact]
    public async Task Prefs_SamplesPerPromptBelowTheData_FailsNamingTheMismatch()
    {
        var input = Path.Combine(fixture.Dir, "four-samples.jsonl");
        File.WriteAllLines(input, Enumerable.Range(0, 4).Select(i => JsonSerializer.Serialize(new
        {
            id = $"q#{i}", prompt_id = "q", messages = new[] { new { role = "user", content = "Tell a story." } },
            response = new { role = "assistant", content = $"Story {i}." }, sample_index = i, model = "fake:m",
        })));

        var (code, _, error) = await RunInProcessAsync("prefs", "--in", input, "--out", Path.Combine(fixture.Dir, "three"), "-c",
            SharedData.Repo("constitutions", "kind-stories.yaml"), "--mode", "feedback", "--samples-per-prompt", "3", "--quiet");

        Assert.Equal(1, code);
        Assert.Contains("sample 'q#3' has sample_index 3, but groups hold 3 samples per prompt", error);
        Assert.Contains("at least 4", error);
        Assert.DoesNotContain("Exception", error);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(true, "--few-shot")]
    [InlineData(false, "--no-few-shot")]
    [InlineData(false, "--few-shot", "false")]
    public async Task Critique_FewShotFlag_IsReviseOptionsFewShot_ForAModelCritic(bool examplesSent, params string[] flags)
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Responder = _ => "The story is kind." });
        var input = Path.Combine(fixture.Dir, "one-sample.jsonl");
        File.WriteAllText(input, JsonSerializer.Serialize(new
        {
            id = "p#0", prompt_id = "p", messages = new[] { new { role = "user", content = "Tell a story." } },
            response = new { role = "assistant", content = "The cat shared a ball." }, sample_index = 0, model = "fake:m",
        }) + "\n");

        var (code, _, error) = await RunInProcessAsync(["critique", "--in", input, "--out", Path.Combine(fixture.Dir, "crit"),
            "-c", SharedData.Repo("constitutions", "kind-stories.yaml"), "--critic", $"openai-compatible:m@{server.BaseUrl}", "--quiet", .. flags]);

        Assert.True(code == 0, error);
        Assert.Equal(1, server.RequestCount);
        // kind-stories.yaml's one few-shot example starts with this user turn.
        Assert.Equal(examplesSent, server.LastBody!.Contains("a bunny who hears a noise at night", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generate_BadInputLine_FailsNamingFileAndLine()
    {
        var input = Path.Combine(fixture.Dir, "bad.jsonl");
        File.WriteAllText(input, "{\"id\": \"a\", \"prompt\": \"ok\"}\n{\"id\": \"b\"}\n");

        var (code, _, error) = await RunInProcessAsync("generate", "--in", input, "--out", Path.Combine(fixture.Dir, "o"), "-m", "openai-compatible:m@http://127.0.0.1:9/v1");

        Assert.Equal(1, code);
        Assert.Contains($"{input}:2:", error);
    }

    [Theory]
    [InlineData("--top-p", "0", "error: --top-p: must be in (0, 1] (got 0)")]
    [InlineData("--samples", "0", "error: --samples-per-prompt: must be in [1, 64] (got 0)")]
    public async Task Generate_FlagOutsideTheRecordsRange_OneLineErrorAndNothingWritten(string flag, string value, string expected)
    {
        var input = Path.Combine(fixture.Dir, "range.jsonl");
        File.WriteAllText(input, "{\"id\": \"a\", \"prompt\": \"ok\"}\n");
        var outDir = Path.Combine(fixture.Dir, "range-" + flag.TrimStart('-'));

        var (code, _, error) = await RunInProcessAsync("generate", "--in", input, "--out", outDir, "-m", "openai-compatible:m@http://127.0.0.1:9/v1", flag, value);

        Assert.Equal(1, code);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(outDir, "generate.jsonl")));
    }
}
