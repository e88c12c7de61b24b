using Cai.Core.Constitutions;
using Cai.Pipeline.Evaluation;
using Cai.TestKit;
using Cai.TestKit.FaultServer;
using Cai.Cli.Tests.Model;

namespace Cai.Cli.Tests.Eval;

[Collection(CliTorchCollection.Name)]
public sealed class EvalCommandTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("cai-eval-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static string ModelPath => SharedData.Require("models", "stories260K", "stories260K.bin");
    static string HhhPath => SharedData.Require("data", "cai-paper", "evals", "438HHHEvaluations.jsonl");
    static string KindStories => SharedData.Repo("constitutions", "kind-stories.yaml");

    /// <summary>Runs every metric of <c>cai eval</c> on stories260K against itself; returns the written report.</summary>
    internal static async Task<(CliRun.Result Run, string Path)> RunFullEvalAsync(string dir)
    {
        var outPath = Path.Combine(dir, "eval.json");
        var run = await CliRun.InProcessAsync("eval", "--model", ModelPath, "--reference", ModelPath, "--compare", ModelPath,
            "--constitution", KindStories, "--samples-per-prompt", "2", "--max-tokens", "24", "--seed", "3",
            "--judge", "rules", "--hhh", HhhPath, "--hhh-limit", "3", "--out", outPath);
        return (run, outPath);
    }

    [Fact]
    public async Task Eval_AllMetricsOnStories260K_WritesConsistentReport()
    {
        var (run, path) = await RunFullEvalAsync(dir);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var report = EvalReportFile.Load(path);
        Assert.Equal((3L, 4, 2, 24), (report.Seed, report.Prompts, report.SamplesPerPrompt, report.MaxTokens));
        var constitution = ConstitutionLoader.LoadOrThrow(KindStories);
        Assert.Equal(constitution.Hash, report.ConstitutionHash);

        var violations = report.ViolationRate!;
        Assert.Equal(8, violations.Samples.Count);
        Assert.InRange(violations.ViolationRate, 0, 1);
        var recount = violations.Samples.Count(s => constitution.Principles.Any(p => p.Evaluate(s.Completion).Violated));
        Assert.Equal(recount / 8.0, violations.ViolationRate, 12);

        Assert.Equal(0.0, report.Kl!.KlPerSequence);
        Assert.Equal(0.0, report.Kl.KlPerToken);

        Assert.Equal(0.5, report.WinRate!.WinRate);
        Assert.Equal(report.WinRate.Pairs, report.WinRate.Ties);
        Assert.Equal("rules", report.Judge);

        Assert.Equal(3, report.Hhh!.Count);
        Assert.InRange(report.Hhh.Accuracy, 0, 1);
        Assert.Equal(Math.Sqrt(report.Hhh.Accuracy * (1 - report.Hhh.Accuracy) / 3), report.Hhh.StandardError, 12);

        Assert.Contains("violation rate", run.Stdout);
        Assert.Contains("KL per sequence", run.Stdout);
        Assert.Contains("HHH accuracy", run.Stdout);
        Assert.Contains($"wrote {path}", run.Stdout);
    }

    [Fact]
    public async Task Eval_ChatJudgeServer_HhhAccuracyFromItsLogProbs()
    {
        var items = HhhReader.Read(HhhPath, 4);
        var answers = items.ToDictionary(i => i.Prompt, i => i.Corrects[0].Trim());
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Responder = prompt => answers[prompt] });
        var outPath = Path.Combine(dir, "eval.json");

        var run = await CliRun.InProcessAsync("eval", "--model", ModelPath, "--judge", $"openai-compatible:judge@{server.BaseUrl}",
            "--hhh", HhhPath, "--hhh-limit", "4", "--out", outPath);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var hhh = EvalReportFile.Load(outPath).Hhh!;
        Assert.Equal((4, 1.0), (hhh.Correct, hhh.Accuracy));
        Assert.StartsWith("openai-compatible:judge@", hhh.Judge);
    }

    [Fact]
    public async Task Eval_TopKOne_SamplesTheGreedyText_AndTheReportRecordsTheSettings()
    {
        // top-k 1 leaves one token to sample from, so whatever the seed it is greedy decoding: proof that --top-k
        // reaches the engine. --max-new-tokens is the old spelling of --max-tokens.
        async Task<EvalReport> Eval(string name, params string[] sampling)
        {
            var outPath = Path.Combine(dir, name);
            var run = await CliRun.InProcessAsync(["eval", "--model", ModelPath, "--constitution", KindStories, "-k", "1",
                "--max-new-tokens", "16", "--out", outPath, .. sampling]);
            Assert.True(run.ExitCode == 0, run.Stderr);
            return EvalReportFile.Load(outPath);
        }

        var topK = await Eval("top-k.json", "--top-k", "1", "--top-p", "0.9", "--seed", "1");
        var greedy = await Eval("greedy.json", "--temperature", "0", "--seed", "2");

        Assert.Equal((16, 1.0, 0.9, (int?)1), (topK.MaxTokens, topK.Temperature, topK.TopP, topK.TopK));
        Assert.Equal((16, 0.0, (double?)null, (int?)null), (greedy.MaxTokens, greedy.Temperature, greedy.TopP, greedy.TopK));
        Assert.Equal(greedy.ViolationRate!.Samples.Select(s => s.Completion), topK.ViolationRate!.Samples.Select(s => s.Completion));
    }

    [Fact]
    public async Task Eval_LocalModelJudgeOnIdenticalModels_AllTiesFromBothOrders()
    {
        var outPath = Path.Combine(dir, "eval.json");

        var run = await CliRun.InProcessAsync("eval", "--model", ModelPath, "--compare", ModelPath, "--judge", $"local:{ModelPath}",
            "--samples-per-prompt", "1", "--max-tokens", "16", "--out", outPath);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var win = EvalReportFile.Load(outPath).WinRate!;
        Assert.Equal((4, 4, 0.5), (win.Pairs, win.Ties, win.WinRate));
        Assert.Equal("stories260K", win.Judge);
    }

    [Fact]
    public async Task Eval_PromptFileAndChatJudgeAlwaysAnsweringA_PositionBiasGivesTies()
    {
        var prompts = Path.Combine(dir, "prompts.jsonl");
        File.WriteAllLines(prompts, ["""{"id": "cat", "prompt": "Once upon a time, a cat"}""",
            """{"id": "dog", "messages": [{"role": "user", "content": "A dog ran"}]}"""]);
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Responder = _ => "(A)" });
        var outPath = Path.Combine(dir, "eval.json");

        var run = await CliRun.InProcessAsync("eval", "--model", ModelPath, "--compare", ModelPath, "--prompts", prompts,
            "--judge", $"openai-compatible:judge@{server.BaseUrl}", "-k", "2", "--max-tokens", "12", "--out", outPath);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var report = EvalReportFile.Load(outPath);
        Assert.Equal(2, report.Prompts);
        Assert.Equal((4, 0, 0, 4), (report.WinRate!.Pairs, report.WinRate.Wins, report.WinRate.Losses, report.WinRate.Ties));
        Assert.Equal(8, server.RequestCount);
    }

    [Fact]
    public async Task Eval_RewardRunOnly_ReadsHeldOutAccuracy()
    {
        var rewardRun = Directory.CreateDirectory(Path.Combine(dir, "reward")).FullName;
        File.WriteAllText(Path.Combine(rewardRun, "metrics.jsonl"), """{"step": 5, "eval_rewards/accuracies": 0.8125}""" + "\n");
        var outPath = Path.Combine(dir, "eval.json");

        var run = await CliRun.InProcessAsync("eval", "--model", ModelPath, "--reward-run", rewardRun, "--out", outPath);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(0.8125, EvalReportFile.Load(outPath).RewardAccuracy!.Accuracy);
        Assert.Contains("0.8125", run.Stdout);
    }

    [Fact]
    public async Task Eval_CompareWithRulesJudgeButNoConstitution_FailsWithOneLine()
    {
        var run = await CliRun.InProcessAsync("eval", "--model", ModelPath, "--compare", ModelPath, "--out", Path.Combine(dir, "e.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--judge rules needs --constitution", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Eval_BadPromptLine_NamesFileAndLine()
    {
        var prompts = Path.Combine(dir, "prompts.jsonl");
        File.WriteAllLines(prompts, ["""{"id": "a", "prompt": "Once upon a time"}""", """{"id": "b", "messages": []}"""]);

        var run = await CliRun.InProcessAsync("eval", "--model", ModelPath, "--prompts", prompts, "--constitution", KindStories,
            "--out", Path.Combine(dir, "e.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{prompts}:2:", run.Stderr);
        Assert.Contains("messages", run.Stderr);
    }

    [Fact]
    public async Task Eval_MissingModel_FailsNamingPath()
    {
        var missing = Path.Combine(dir, "nope.bin");

        var run = await CliRun.InProcessAsync("eval", "--model", missing, "--out", Path.Combine(dir, "e.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(missing, run.Stderr);
    }

    [Fact]
    public async Task Eval_ZeroSamples_FailsNamingOption()
    {
        var run = await CliRun.InProcessAsync("eval", "--model", ModelPath, "--samples-per-prompt", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--samples-per-prompt", run.Stderr);
    }
}
