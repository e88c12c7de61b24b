using Cai.Core.Constitutions;
using Cai.Pipeline.Evaluation;
using Cai.TestKit;
using Cai.Cli.Tests.Model;
using Cai.Cli.Tests.Train;

namespace Cai.Cli.Tests.Eval;

/// <summary><c>cai eval</c> with a held-out constitution and a reward model: every judge sees the same completions.</summary>
[Collection(CliTorchCollection.Name)]
public sealed class EvalJudgesTests
{
    static string ModelPath => SharedData.Require("models", "stories260K", "stories260K.bin");
    static string KindStories => SharedData.Repo("constitutions", "kind-stories.yaml");
    static string HeldOut => SharedData.Repo("examples", "experiment", "heldout-judge.yaml");

    [Fact]
    public async Task Eval_HeldOutConstitutionAndRewardModel_ScoreTheSameCompletions()
    {
        var dir = TrainTestFiles.TempDir();
        var pairs = Path.Combine(dir, "pairs.jsonl");
        File.WriteAllLines(pairs, Enumerable.Range(0, 8).Select(i =>
            $$"""{"prompt":[{"role":"user","content":"Tell a story about day {{i}}."}],"chosen":[{"role":"assistant","content":"They played and were happy."}],"rejected":[{"role":"assistant","content":"Tom was scared of the dark monster {{i}}."}]}"""));
        var rewardDir = Path.Combine(dir, "rm");
        var reward = await CliRun.InProcessAsync("train", "reward", "--model", ModelPath, "--data", pairs, "--out", rewardDir,
            "--max-steps", "3", "--batch-size", "4", "--learning-rate", "1e-3", "--eval-split", "0");
        Assert.True(reward.ExitCode == 0, reward.Stderr);
        var outPath = Path.Combine(dir, "eval.json");

        var run = await CliRun.InProcessAsync("eval", "--model", ModelPath, "--constitution", KindStories, "--heldout-constitution", HeldOut,
            "--reward-model", rewardDir, "--chat-format", "plain", "--prompts", TrainTestFiles.PromptFile(dir), "-k", "2",
            "--max-tokens", "40", "--seed", "5", "--out", outPath);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var report = EvalReportFile.Load(outPath);
        var heldOut = ConstitutionLoader.LoadOrThrow(HeldOut);
        Assert.Equal((heldOut.Name, heldOut.Hash), (report.HeldOutConstitution, report.HeldOutConstitutionHash));
        var trainingJudge = report.ViolationRate!.Samples;
        var heldOutJudge = report.HeldOutViolationRate!.Samples;
        Assert.Equal(12, heldOutJudge.Count);
        Assert.Equal(trainingJudge.Select(s => s.Completion), heldOutJudge.Select(s => s.Completion));
        var recount = heldOutJudge.Count(s => heldOut.Principles.Any(p => p.Evaluate(s.Completion).Violated));
        Assert.Equal(recount / 12.0, report.HeldOutViolationRate.ViolationRate, 12);
        Assert.Equal(heldOut.Principles.Select(p => p.Id).Order(), report.HeldOutViolationRate.PerPrinciple.Keys.Order());

        var score = report.RewardScore!;
        Assert.Equal((rewardDir, 12), (score.RewardModel, score.Completions));
        Assert.True(double.IsFinite(score.Mean) && score.Mean != 0, $"mean {score.Mean}: a trained head scores away from its zero init");
        Assert.NotNull(score.PromptStandardError);
        Assert.Contains("held-out violation rate", run.Stdout);
        Assert.Contains("reward-model score", run.Stdout);
    }

    [Fact]
    public async Task Eval_RewardModelWithRawPrompts_IsOneLineError()
    {
        var dir = TrainTestFiles.TempDir();

        var run = await CliRun.InProcessAsync("eval", "--model", ModelPath, "--reward-model", dir, "--out", Path.Combine(dir, "eval.json"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--reward-model needs --chat-format", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Eval_HeldOutWithoutConstitution_IsOneLineError()
    {
        var dir = TrainTestFiles.TempDir();

        var run = await CliRun.InProcessAsync("eval", "--model", ModelPath, "--heldout-constitution", HeldOut, "--out", Path.Combine(dir, "eval.json"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--heldout-constitution needs --constitution", run.Stderr);
    }
}
