using Cai.Cli;
using Cai.Models.Hf;
using Cai.Models.Llama;
using Cai.Cli.Tests.Model;
using Cai.TestKit;

namespace Cai.Cli.Tests.Train;

public sealed class TrainPpoCommandTests
{
    static Task<CliRun.Result> Cai(params string[] args) => CliRun.InProcessAsync(args);

    [Fact]
    public async Task TrainPpo_RewardModelFromTrainRewardPlusRules_WritesMetricsCompletionsAndPolicy()
    {
        var dir = TrainTestFiles.TempDir();
        var model = SharedData.Require("models", "stories260K", "stories260K.bin");
        var pairs = Path.Combine(dir, "pairs.jsonl");
        File.WriteAllLines(pairs, Enumerable.Range(0, 6).Select(i =>
            $$"""{"prompt":[{"role":"user","content":"Tell me about day {{i}}."}],"chosen":[{"role":"assistant","content":"It was a happy day."}],"rejected":[{"role":"assistant","content":"Tom hit Ben {{i}} times."}]}"""));
        var rewardDir = Path.Combine(dir, "rm");
        var reward = await Cai("train", "reward", "--model", model, "--data", pairs, "--out", rewardDir, "--max-steps", "2", "--batch-size", "4",
            "--max-length", "64", "--eval-split", "0");
        Assert.True(reward.ExitCode == 0, reward.Stderr);
        var config = Path.Combine(dir, "ppo.yaml");
        File.WriteAllText(config, "kl_estimator: k3\nnum_ppo_epochs: 2\nlogging_steps: 1\nresponse_length: 8\n");
        var outDir = Path.Combine(dir, "ppo");

        var (code, output, error) = await Cai("train", "ppo", "--model", model, "--reward", rewardDir,
            "--reward", "0.5*rules:" + SharedData.Repo("constitutions", "kind-stories.yaml"), "--prompts", TrainTestFiles.PromptFile(dir), "--out", outDir,
            "--config", config, "--max-steps", "2", "--batch-size", "3", "--learning-rate", "1e-3", "--save-steps", "1", "--seed", "3",
            "--reward-normalization-samples", "4");

        Assert.True(code == 0, error);
        Assert.Contains("trained to update 2", output);
        var lines = File.ReadAllLines(Path.Combine(outDir, "metrics.jsonl"));
        Assert.Equal(2, lines.Length);
        foreach (var name in new[] { "objective/kl", "objective/entropy", "objective/non_score_reward", "objective/rlhf_reward", "objective/scores",
            "policy/approxkl_avg", "policy/clipfrac_avg", "loss/policy_avg", "loss/value_avg", "val/clipfrac_avg", "val/ratio", "\"lr\"", "episode" })
            Assert.Contains(name, lines[0]);
        Assert.Equal(6, File.ReadAllLines(Path.Combine(outDir, "completions.jsonl")).Length);
        Assert.True(File.Exists(Path.Combine(outDir, "reward_normalization.json")));
        Assert.True(Directory.Exists(Path.Combine(outDir, "checkpoint-1")));
        Assert.Equal(0x89, File.ReadAllBytes(Path.Combine(outDir, "objective_scores.png"))[0]);
        var loaded = new LlamaForCausalLM(HfConfigIO.ReadLlama(outDir));
        HfCheckpoint.Load(loaded, outDir);
        Assert.Equal(512, loaded.VocabSize);
    }

    [Fact]
    public async Task TrainPpo_UnknownRewardSpec_IsOneLineError()
    {
        var dir = TrainTestFiles.TempDir();
        var model = SharedData.Require("models", "stories260K", "stories260K.bin");

        var (code, _, error) = await Cai("train", "ppo", "--model", model, "--reward", Path.Combine(dir, "nothing-here"),
            "--prompts", TrainTestFiles.PromptFile(dir), "--out", Path.Combine(dir, "out"));

        Assert.NotEqual(0, code);
        Assert.Contains("not rules:<file>, word-count:<word> or a reward-model folder", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task TrainPpo_BadConfigValue_NamesTheOption()
    {
        var dir = TrainTestFiles.TempDir();
        var model = SharedData.Require("models", "stories260K", "stories260K.bin");
        var config = Path.Combine(dir, "ppo.yaml");
        File.WriteAllText(config, "cliprange: -1\n");

        var (code, _, error) = await Cai("train", "ppo", "--model", model, "--reward", "word-count:cat", "--prompts", TrainTestFiles.PromptFile(dir),
            "--out", Path.Combine(dir, "out"), "--config", config);

        Assert.NotEqual(0, code);
        Assert.Equal($"error: {config}:1:12: cliprange: must be a number > 0, got '-1'", error.Trim()); // located in the file, before training
    }
}
