using Cai.Cli;
using Cai.Models.Hf;
using Cai.Models.Llama;
using Cai.Cli.Tests.Model;
using Cai.TestKit;
using Cai.Core.Yaml;
using Cai.Train.Options;

namespace Cai.Cli.Tests.Train;

public sealed class TrainCommandTests
{
    static Task<CliRun.Result> Cai(params string[] args) => CliRun.InProcessAsync(args);

    static string PairFile(string dir)
    {
        var path = Path.Combine(dir, "pairs.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, 10).Select(i =>
            $$"""{"prompt":[{"role":"user","content":"Tell me about day {{i}}."}],"chosen":[{"role":"assistant","content":"It was a happy day."}],"rejected":[{"role":"assistant","content":"It was bad {{i}}."}]}"""));
        return path;
    }

    [Fact]
    public async Task TrainDpo_TinyPairFile_WritesMetricsPlotsAndLoadableModel()
    {
        var dir = TrainTestFiles.TempDir();
        var model = SharedData.Require("models", "stories260K", "stories260K.bin");
        var config = Path.Combine(dir, "options.yaml");
        File.WriteAllText(config, "beta: 0.2\nlogging_steps: 1\nlr_scheduler_type: constant\n");
        var outDir = Path.Combine(dir, "out");

        var (code, output, error) = await Cai("train", "dpo", "--model", model, "--data", PairFile(dir), "--out", outDir,
            "--config", config, "--max-steps", "4", "--batch-size", "4", "--learning-rate", "1e-3", "--max-length", "64",
            "--eval-split", "0.2", "--save-steps", "2", "--seed", "7");

        Assert.True(code == 0, error);
        Assert.Contains("trained to step 4", output);
        var lines = File.ReadAllLines(Path.Combine(outDir, "metrics.jsonl"));
        Assert.Equal(4, lines.Count(l => l.Contains("\"rewards/margins\"") && !l.Contains("eval_")));
        Assert.Contains(lines, l => l.Contains("\"eval_rewards/accuracies\""));
        foreach (var png in new[] { "loss.png", "rewards_margins.png", "rewards_accuracies.png" })
            Assert.Equal(0x89, File.ReadAllBytes(Path.Combine(outDir, png))[0]);
        Assert.True(Directory.Exists(Path.Combine(outDir, "checkpoint-2")));
        Assert.True(File.Exists(Path.Combine(outDir, "tok512.bin")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(outDir, "logs")));
        var loaded = new LlamaForCausalLM(HfConfigIO.ReadLlama(outDir));
        HfCheckpoint.Load(loaded, outDir);
        Assert.Equal(512, loaded.VocabSize);
    }

    [Fact]
    public async Task TrainKto_PrecomputeFlag_TrainsFromACachedReference()
    {
        var dir = TrainTestFiles.TempDir();
        var data = Path.Combine(dir, "kto.jsonl");
        File.WriteAllLines(data, Enumerable.Range(0, 6).Select(i =>
            $$"""{"prompt":[{"role":"user","content":"Day {{i}}?"}],"completion":[{"role":"assistant","content":"Fine."}],"label":{{(i % 2 == 0 ? "true" : "false")}}}"""));

        var (code, _, error) = await Cai("train", "kto", "--model", SharedData.Require("models", "stories260K", "stories260K.bin"),
            "--data", data, "--out", Path.Combine(dir, "out"), "--precompute-ref-log-probs", "--max-steps", "2", "--eval-split", "0");

        Assert.True(code == 0, error);
        Assert.True(File.Exists(Path.Combine(dir, "out", "model.safetensors")));
        Assert.Single(Directory.GetFiles(Path.Combine(dir, "out", "ref_logps"), "ref_logps-*.json"));
    }

    [Fact]
    public async Task TrainDpo_UnknownConfigKey_FailsNamingFileLineAndKey()
    {
        var dir = TrainTestFiles.TempDir();
        var config = Path.Combine(dir, "options.yaml");
        File.WriteAllText(config, "beta: 0.2\nbetta: 3\n");

        var (code, _, error) = await Cai("train", "dpo", "--model", SharedData.Require("models", "stories260K", "stories260K.bin"),
            "--data", PairFile(dir), "--out", Path.Combine(dir, "out"), "--config", config);

        Assert.Equal(1, code);
        Assert.Contains($"{config}:2:1: betta: unknown key 'betta', did you mean 'beta'?", error);
    }

    [Fact]
    public async Task TrainDpo_IpoPrecomputedThenResume_ContinuesFromCheckpointAndReusesCache()
    {
        var dir = TrainTestFiles.TempDir();
        var outDir = Path.Combine(dir, "out");
        string[] common = ["train", "dpo", "--model", SharedData.Require("models", "stories260K", "stories260K.bin"), "--data", PairFile(dir),
            "--out", outDir, "--loss-type", "ipo", "--precompute-ref-log-probs", "--batch-size", "4", "--max-length", "64",
            "--learning-rate", "1e-3", "--logging-steps", "1", "--save-steps", "2"];

        var first = await Cai([.. common, "--max-steps", "2"]);
        var cache = Directory.GetFiles(Path.Combine(outDir, "ref_logps")).Single();
        var written = File.GetLastWriteTimeUtc(cache);
        var second = await Cai([.. common, "--max-steps", "4", "--resume"]);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("trained to step 4", second.Stdout);
        Assert.Equal(written, File.GetLastWriteTimeUtc(cache));
        var steps = File.ReadAllLines(Path.Combine(outDir, "metrics.jsonl")).Where(l => l.Contains("\"loss\"")).ToArray();
        Assert.Equal(4, steps.Length);
    }

    [Fact]
    public async Task TrainDpo_UnknownLossType_FailsNamingTheFlag()
    {
        var dir = TrainTestFiles.TempDir();

        var (code, _, error) = await Cai("train", "dpo", "--model", SharedData.Require("models", "stories260K", "stories260K.bin"),
            "--data", PairFile(dir), "--out", Path.Combine(dir, "out"), "--loss-type", "squared");

        Assert.Equal(1, code);
        Assert.Contains("--loss-type: 'squared' is not one of sigmoid, hinge, ipo, robust, simpo, soft-label", error);
    }

    [Theory]
    [InlineData("sft", "--beta")]
    [InlineData("sft", "--loss-type")]
    [InlineData("reward", "--precompute-ref-log-probs")]
    [InlineData("kto", "--loss-type")]
    public async Task Train_FlagOfAnotherTrainer_IsRefusedNotIgnored(string trainer, string flag)
    {
        var dir = TrainTestFiles.TempDir();
        string[] value = flag == "--precompute-ref-log-probs" ? [] : [flag == "--beta" ? "0.5" : "ipo"];

        var (code, _, error) = await Cai(["train", trainer, "--model", "m.bin", "--data", "d.jsonl", "--out", dir, flag, .. value]);

        Assert.NotEqual(0, code);
        Assert.Contains(flag, error);
        Assert.False(File.Exists(Path.Combine(dir, "metrics.jsonl")));
    }

    [Theory]
    [InlineData("sft", typeof(SftOptions), "--beta")]
    [InlineData("reward", typeof(RewardOptions), "--loss-type")]
    [InlineData("dpo", typeof(DpoOptions), "--num-generations")]
    [InlineData("kto", typeof(KtoOptions), "--loss-type")]
    [InlineData("ppo", typeof(PpoOptions), "--num-generations")]
    [InlineData("grpo", typeof(GrpoOptions), "--kl-coef")]
    [InlineData("rloo", typeof(RlooOptions), "--scale-rewards")]
    [InlineData("online-dpo", typeof(OnlineDpoOptions), "--cliprange")]
    public async Task TrainHelp_HasAFlagForEveryConfigKeyAndNoForeignOne(string trainer, Type options, string foreignFlag)
    {
        var (code, output, _) = await Cai("train", trainer, "--help");

        Assert.Equal(0, code);
        var keys = YamlReader.Keys(options);
        Assert.True(keys.Count > YamlReader.Keys(typeof(TrainingOptions)).Count, $"{options.Name} has {keys.Count} keys");
        foreach (var key in keys)
            Assert.Contains("--" + key.Replace('_', '-') + " ", output);
        Assert.DoesNotContain(foreignFlag, output);
    }

    [Fact]
    public async Task TrainHelp_ShowsEachOptionsDocSummaryAndTheRecordsDefault()
    {
        var (_, output, _) = await Cai("train", "ppo", "--help");

        var line = output.Split('\n').Single(l => l.TrimStart().StartsWith("--kl-coef ", StringComparison.Ordinal));
        Assert.Contains("Weight of the per-token KL penalty (kl_coef); the starting value when adap_kl_ctrl is on.", line);
        Assert.Contains($"[default: {new PpoOptions().KlCoef.ToString(System.Globalization.CultureInfo.InvariantCulture)}]", line);
        var learningRate = output.Split('\n').Single(l => l.TrimStart().StartsWith("--learning-rate ", StringComparison.Ordinal));
        Assert.Contains("[default: 3e-06]", learningRate); // PPO's own default, not TrainingArguments' 5e-5
    }
}
