using Cai.Cli;
using Cai.Models.Hf;
using Cai.Models.Llama;
using Cai.Cli.Tests.Model;
using Cai.TestKit;

namespace Cai.Cli.Tests.Train;

public sealed class TrainOnlineCommandTests
{
    static Task<CliRun.Result> Cai(params string[] args) => CliRun.InProcessAsync(args);

    [Theory]
    [InlineData("grpo", "loss_type: dr_grpo\nscale_rewards: batch\nnum_generations: 2\nmax_completion_length: 8\nbeta: 0.04\n", 8, "reward,reward_std,frac_reward_zero_std,completions/mean_length,kl,clip_ratio/region_mean,\"loss\"")]
    [InlineData("rloo", "normalize_advantages: true\nmax_completion_length: 8\n", 8, "reward,reward_std,frac_reward_zero_std,completions/mean_length,kl,clip_ratio/region_mean,\"loss\"")]
    [InlineData("online-dpo", "loss_type: ipo\nmax_new_tokens: 8\nmissing_eos_penalty: 0.5\n", 12, "objective/scores,objective/scores_margin,objective/frac_ties,objective/kl")]
    public async Task Train_WordCountWithConfig_WritesMetricsCompletionsCheckpointAndPolicy(string algorithm, string yaml, int completions, string metrics)
    {
        var dir = TrainTestFiles.TempDir();
        var model = SharedData.Require("models", "stories260K", "stories260K.bin");
        var config = Path.Combine(dir, algorithm + ".yaml");
        File.WriteAllText(config, yaml);
        var outDir = Path.Combine(dir, algorithm);

        var (code, output, error) = await Cai("train", algorithm, "--model", model, "--reward", "word-count:the", "--prompts", TrainTestFiles.PromptFile(dir),
            "--out", outDir, "--config", config, "--max-steps", "2", "--batch-size", "4", "--learning-rate", "1e-3", "--logging-steps", "1",
            "--save-steps", "1", "--seed", "3");

        Assert.True(code == 0, error);
        Assert.Contains("trained to update 2", output);
        var lines = File.ReadAllLines(Path.Combine(outDir, "metrics.jsonl"));
        Assert.Equal(2, lines.Length);
        foreach (var name in metrics.Split(',').Append("\"lr\"").Append("episode").Append("grad_norm"))
            Assert.Contains(name, lines[0]);
        // 2 prompts x 2 per update for GRPO/RLOO; online DPO takes 4 of the 6 prompts, then the other 2, two completions each.
        Assert.Equal(completions, File.ReadAllLines(Path.Combine(outDir, "completions.jsonl")).Length);
        Assert.True(Directory.Exists(Path.Combine(outDir, "checkpoint-1")));
        Assert.Contains($"\"trainer\":\"{algorithm}\"", File.ReadAllText(Path.Combine(outDir, "checkpoint-1", "trainer_state.json")).Replace(" ", ""));
        var loaded = new LlamaForCausalLM(HfConfigIO.ReadLlama(outDir));
        HfCheckpoint.Load(loaded, outDir);
        Assert.Equal(512, loaded.VocabSize);
    }

    [Theory]
    [InlineData("grpo", "--loss-type", "sigmoid", "--loss-type: 'sigmoid' is not one of grpo, bnpo, dr-grpo, dapo")]
    [InlineData("grpo", "--num-generations", "3", "num_generations must divide the generation batch")]
    [InlineData("online-dpo", "--loss-type", "hinge", "loss_type must be sigmoid or ipo")]
    public async Task Train_BadOption_IsOneLineErrorNamingIt(string algorithm, string flag, string value, string expected)
    {
        var dir = TrainTestFiles.TempDir();
        var model = SharedData.Require("models", "stories260K", "stories260K.bin");

        var (code, _, error) = await Cai("train", algorithm, "--model", model, "--reward", "word-count:the", "--prompts", TrainTestFiles.PromptFile(dir),
            "--out", Path.Combine(dir, "out"), "--batch-size", "4", flag, value);

        Assert.NotEqual(0, code);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
