using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Cai.Cli.Tests.Model;
using Cai.TestKit;
using static Cai.Cli.Tests.Run.RunFixture;

namespace Cai.Cli.Tests.Run;

/// <summary>
/// The quickstart's <c>train:</c> chain end to end: what the trainers read is what the run exported (soft labels,
/// held-out test split, chat format), SL-CAI's SFT rows round-trip into <c>cai train sft</c>, and changed data restarts
/// a step instead of resuming it.
/// </summary>
[Collection(TorchCliCollection.Name)]
public sealed class RunTrainingTests : IDisposable
{
    readonly RunFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    static string Quickstart => SharedData.Repo("examples", "quickstart", "pipeline.yaml");

    string Options(string name, string yaml)
    {
        var path = Path.Combine(fixture.Dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    static List<JsonElement> Rows(string path) =>
        [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    static double? LabelProb(JsonElement row) => row.TryGetProperty("label_prob", out var p) ? p.GetDouble() : null;

    /// <summary>The structured log events of every cai run that logged into <paramref name="dir"/>/logs.</summary>
    static List<JsonElement> LogEvents(string dir, string template) =>
        [.. Directory.GetFiles(Path.Combine(dir, "logs"), "*.json").SelectMany(Rows).Where(e => e.GetProperty("@mt").GetString() == template)];

    static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task Run_SoftLabelDpoAfterSft_TrainerReadsTheLabelProbsThePrefsStageWroteAndEvaluatesOnTheTestExport()
    {
        SharedData.Require("models", "stories260K", "stories260K.bin");
        var runDir = Path.Combine(fixture.Dir, "soft");
        var sft = Options("sft.yaml", "max_steps: 1\nper_device_train_batch_size: 8\nmax_length: 128\nlogging_steps: 1\n");
        var softOptions = Options("soft.yaml", "loss_type: soft-label\nmax_steps: 2\nper_device_train_batch_size: 4\nmax_length: 256\n" +
            "max_prompt_length: 64\nprecompute_ref_log_probs: true\nlogging_steps: 1\n");

        var (code, output, error) = await RunInProcessAsync("run", Quickstart, "--run-dir", runDir, "--set", $"train.0.config={sft}",
            "--set", $"train.1.config={softOptions}", "--set", "pairs.test_fraction=0.5", "--quiet");

        Assert.True(code == 0, error);
        // The export keeps every pair's label as the prefs stage wrote it (the rules judge's feedback probabilities).
        var written = Rows(Path.Combine(runDir, "prefs.jsonl")).ToDictionary(r => r.GetProperty("id").GetString()!, LabelProb);
        var (trainFile, testFile) = (Path.Combine(runDir, "pairs", "train.jsonl"), Path.Combine(runDir, "pairs", "test.jsonl"));
        var train = Rows(trainFile);
        Assert.All(train, row => Assert.Equal(written[row.GetProperty("id").GetString()!], LabelProb(row)));
        var soft = train.Select(LabelProb).OfType<double>().ToList();
        Assert.NotEmpty(soft);
        Assert.Contains(soft, p => p < 1);
        // What the DPO trainer read: every training row, with those probabilities.
        var sum = 0.0;
        foreach (var p in soft)
            sum += p;
        var expected = string.Create(CultureInfo.InvariantCulture,
            $"read {train.Count}, used {train.Count}, truncated 0, dropped 0, label_prob on {soft.Count} (mean {sum / soft.Count:G6}, min {soft.Min():G6}, max {soft.Max():G6})");
        var dpoDir = Path.Combine(runDir, "train", "dpo");
        var reads = LogEvents(dpoDir, "data {File}: {Report}").ToDictionary(e => e.GetProperty("File").GetString()!, e => e.GetProperty("Report").GetString()!);
        Assert.Equal(expected, reads[trainFile]);
        // It evaluated on the exported test split, as exported, and split nothing off the training rows.
        var test = Rows(testFile);
        Assert.NotEmpty(test);
        Assert.StartsWith($"read {test.Count}, used {test.Count},", reads[testFile]);
        Assert.Contains(File.ReadLines(Path.Combine(dpoDir, "metrics.jsonl")), l => l.Contains("\"eval_loss\""));
        // Both steps in the format the policy generated in (stories260K: plain); DPO started from the SFT model.
        var sftDir = Path.Combine(runDir, "train", "sft");
        foreach (var dir in new[] { sftDir, dpoDir })
            Assert.Equal("plain", Assert.Single(LogEvents(dir, "training {Trainer} on {Data} in chat format {ChatFormat} (data hash {DataHash})"))
                .GetProperty("ChatFormat").GetString());
        Assert.Contains($"training: dpo on {trainFile} from {sftDir} -> {dpoDir}", output);
    }

    [Fact]
    public async Task Run_SftRowsRoundTripIntoTrainSft_AndChangedRowsRestartTheStep()
    {
        var model = SharedData.Require("models", "stories260K", "stories260K.bin");
        var runDir = Path.Combine(fixture.Dir, "sl-cai");
        var sft = Options("sft.yaml", "max_steps: 2\nsave_steps: 1\nper_device_train_batch_size: 4\nmax_length: 128\nlogging_steps: 1\n");
        string[] run = ["run", Quickstart, "--run-dir", runDir, "--set", "generate.max_tokens=48", "--set", $"train.0.config={sft}", "--quiet"];

        var first = await RunInProcessAsync([.. run, "--set", "prompts.limit=3"]);

        Assert.True(first.Code == 0, first.Err);
        // pairs/sft.jsonl: each revised sample's prompt and final revision as TRL conversational messages.
        var sftFile = Path.Combine(runDir, "pairs", "sft.jsonl");
        var finals = Rows(Path.Combine(runDir, "revise.jsonl")).ToDictionary(r => r.GetProperty("id").GetString()!);
        var rows = Rows(sftFile);
        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            var revised = finals[row.GetProperty("id").GetString()!];
            var messages = row.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal(revised.GetProperty("messages")[0].GetProperty("content").GetString(), messages[0].GetProperty("content").GetString());
            Assert.Equal(("assistant", revised.GetProperty("final").GetProperty("content").GetString()),
                (messages[^1].GetProperty("role").GetString(), messages[^1].GetProperty("content").GetString()));
        });
        var checkpoint = Path.Combine(runDir, "train", "sft", "checkpoint-1", "trainer_state.json");
        var firstHash = Sha256(sftFile);
        Assert.Equal(firstHash, JsonDocument.Parse(File.ReadAllText(checkpoint)).RootElement.GetProperty("data_hash").GetString());

        // The exported file trains as it is with `cai train sft`; the revise stage's file is refused in one line that says where to look.
        var manual = await CliRun.InProcessAsync("train", "sft", "--model", model, "--data", sftFile, "--out", Path.Combine(fixture.Dir, "manual"),
            "--max-steps", "1", "--max-length", "128", "--eval-split", "0");
        Assert.True(manual.ExitCode == 0, manual.Stderr);
        Assert.Contains("trained to step 1", manual.Stdout);
        var revise = await CliRun.InProcessAsync("train", "sft", "--model", model, "--data", Path.Combine(runDir, "revise.jsonl"),
            "--out", Path.Combine(fixture.Dir, "refused"));
        Assert.Equal(1, revise.ExitCode);
        var line = Assert.Single(revise.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("a revise-stage record", line);
        Assert.Contains("pairs/sft.jsonl", line);

        // One more prompt changes sft.jsonl: the SFT step starts over on the new rows instead of resuming checkpoint-1.
        var second = await RunInProcessAsync([.. run, "--set", "prompts.limit=4"]);

        Assert.True(second.Code == 0, second.Err);
        var secondHash = Sha256(sftFile);
        Assert.NotEqual(firstHash, secondHash);
        Assert.Equal(secondHash, JsonDocument.Parse(File.ReadAllText(checkpoint)).RootElement.GetProperty("data_hash").GetString());
        Assert.Single(LogEvents(Path.Combine(runDir, "train", "sft"),
            "the training data changed since {Checkpoint} (data hash {Saved}, now {Hash}): starting over, {Removed} stale checkpoints removed"));
    }

    // The quickstart with its own train: section: paths made absolute so the copy runs from the fixture's folder.
    string QuickstartWithTrain(string model, string train)
    {
        var yaml = File.ReadAllText(Quickstart);
        yaml = yaml[..yaml.IndexOf("\ntrain:", StringComparison.Ordinal)]
            .Replace("path: prompts.jsonl", $"path: {SharedData.Repo("examples", "quickstart", "prompts.jsonl")}")
            .Replace("../../constitutions/kind-stories.yaml", SharedData.Repo("constitutions", "kind-stories.yaml"))
            .Replace("local:${CAI_SHARED_DIR:-../../../shared}/models/stories260K/stories260K.bin", $"local:{model}");
        return Options("online.yaml", yaml + "\ntrain:\n" + train);
    }

    [Fact]
    public async Task Run_RewardThenPpoAndTheCriticFreeSteps_TrainOnTheRunsPairsAndPrompts_AndANewRewardModelRestartsPpo()
    {
        var model = SharedData.Require("models", "stories260K", "stories260K.bin");
        var runDir = Path.Combine(fixture.Dir, "rl-cai");
        Options("reward.yaml", "max_steps: 2\nper_device_train_batch_size: 4\nmax_length: 128\nlogging_steps: 1\n");
        Options("ppo.yaml", "max_steps: 2\nsave_steps: 1\nper_device_train_batch_size: 2\ngradient_accumulation_steps: 1\nnum_ppo_epochs: 1\n" +
            "response_length: 8\nlogging_steps: 1\nlearning_rate: 0.0001\n");
        Options("grpo.yaml", "max_steps: 1\nper_device_train_batch_size: 4\nnum_generations: 2\nmax_completion_length: 8\nmax_prompt_length: 32\ntop_k: 20\n");
        Options("dpo.yaml", "max_steps: 1\nper_device_train_batch_size: 2\nmax_new_tokens: 8\n");
        var config = QuickstartWithTrain(model, """
              - trainer: reward
                config: reward.yaml
              - trainer: ppo
                config: ppo.yaml
              - trainer: grpo
                config: grpo.yaml
                reward: rules
              - trainer: online-dpo
                config: dpo.yaml
                reward: reward-model
            """);
        // The quickstart's 96 tokens: at 48, the first prompts give no pair that the rules can decide. The first five
        // give one pair (the first four none: which prompts do depends on what the sampler draws for the seeds).
        string[] run = ["run", config, "--run-dir", runDir, "--quiet"];

        var first = await RunInProcessAsync([.. run, "--set", "prompts.limit=5"]);

        Assert.True(first.Code == 0, first.Err);
        var (train, prompts) = (Path.Combine(runDir, "train"), SharedData.Repo("examples", "quickstart", "prompts.jsonl"));
        var (reward, ppo, grpo, dpo) = (Path.Combine(train, "reward"), Path.Combine(train, "ppo"), Path.Combine(train, "grpo"), Path.Combine(train, "online-dpo"));
        // The reward model on the exported pairs; PPO from the run's policy (not the reward model) on the run's prompts, the
        // critic-free steps each from the policy the step before trained.
        Assert.Contains($"training: reward on {Path.Combine(runDir, "pairs", "train.jsonl")} from {model} -> {reward}", first.Out);
        Assert.Contains($"training: ppo on {prompts} from {model} -> {ppo}", first.Out);
        Assert.Contains($"training: grpo on {prompts} from {ppo} -> {grpo}", first.Out);
        Assert.Contains($"training: online-dpo on {prompts} from {grpo} -> {dpo}", first.Out);
        Assert.True(File.Exists(Path.Combine(reward, "score.safetensors")));
        // PPO scored with the reward model and took it as its value model (TRL's default); every step in the policy's
        // chat format (stories260K: plain) and each wrote its metrics.
        var ppoEvents = LogEvents(ppo, "training {Algorithm}: {Prompts} prompts, {Updates} updates of {Batch} responses, reward {Reward}");
        Assert.Equal("reward-model:reward", Assert.Single(ppoEvents).GetProperty("Reward").GetString());
        Assert.Equal(5, ppoEvents[0].GetProperty("Prompts").GetInt32()); // prompts.limit, as the generate stage read them
        Assert.Single(LogEvents(ppo, "value model: reward model {Path} (head kept)"));
        Assert.Equal("rules:kind-stories", Assert.Single(LogEvents(grpo, "training {Algorithm}: {Prompts} prompts, {Updates} updates of {Batch} responses, reward {Reward}"))
            .GetProperty("Reward").GetString());
        foreach (var dir in new[] { ppo, grpo, dpo })
        {
            Assert.Equal("plain", Assert.Single(LogEvents(dir, "training {Trainer} on {Data} in chat format {ChatFormat} (data hash {DataHash})"))
                .GetProperty("ChatFormat").GetString());
            Assert.NotEmpty(File.ReadAllLines(Path.Combine(dir, "metrics.jsonl")));
            Assert.True(File.Exists(Path.Combine(dir, "model.safetensors")), dir);
        }

        var pairsFile = Path.Combine(runDir, "pairs", "train.jsonl");
        var pairsHash = Sha256(pairsFile);
        var checkpoint = Path.Combine(ppo, "checkpoint-1", "trainer_state.json");
        var firstHash = JsonDocument.Parse(File.ReadAllText(checkpoint)).RootElement.GetProperty("data_hash").GetString();

        // More prompts change the exported pairs (1 -> 8) and PPO's prompts (5 -> 20): the reward model is trained again,
        // and PPO starts over instead of resuming a checkpoint trained on other prompts against the old reward model.
        var second = await RunInProcessAsync([.. run, "--set", "prompts.limit=20"]);

        Assert.True(second.Code == 0, second.Err);
        Assert.NotEqual(pairsHash, Sha256(pairsFile));
        Assert.NotEqual(firstHash, JsonDocument.Parse(File.ReadAllText(checkpoint)).RootElement.GetProperty("data_hash").GetString());
        Assert.Single(LogEvents(ppo,
            "the training data changed since {Checkpoint} (data hash {Saved}, now {Hash}): starting over, {Removed} stale checkpoints removed"));
    }
}
