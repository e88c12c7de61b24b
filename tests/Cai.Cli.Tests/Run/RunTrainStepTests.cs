using Cai.Cli;
using Cai.Cli.Commands;
using Cai.Pipeline.Config;
using Cai.TestKit;
using Cai.Train.Options;

namespace Cai.Cli.Tests.Run;

public sealed class RunTrainStepTests
{
    static PipelineConfig Quickstart(params string[] set) =>
        PipelineConfigLoader.Load(SharedData.Repo("examples", "quickstart", "pipeline.yaml"), set);

    [Fact]
    public void Requests_QuickstartConfig_SftOnTheRevisionsThenDpoFromTheSftModelEachEvaluatedOnItsTestExport()
    {
        var config = Quickstart();
        var runDir = Directory.CreateTempSubdirectory("cai-train-step-").FullName;
        var pairs = Path.Combine(runDir, "pairs");

        var requests = RunTrainStep.Requests(config, runDir);

        Assert.Equal([TrainStepKind.Sft, TrainStepKind.Dpo], config.Train.Select(s => s.Trainer));
        var (sft, dpo) = (requests[0], requests[1]);
        Assert.Equal(("sft", config.Policy.Parsed.Model, Path.Combine(pairs, "sft.jsonl"), Path.Combine(pairs, "sft.test.jsonl"), Path.Combine(runDir, "train", "sft")),
            (sft.Trainer, sft.Model, sft.Data, sft.EvalData, sft.Out));
        Assert.Equal(("dpo", sft.Out, Path.Combine(pairs, "train.jsonl"), Path.Combine(pairs, "test.jsonl"), Path.Combine(runDir, "train", "dpo")),
            (dpo.Trainer, dpo.Model, dpo.Data, dpo.EvalData, dpo.Out));
        Assert.All(requests, r => Assert.Equal((0.0, true, null), (r.EvalSplit, r.Resume, r.ChatFormat)));
        // The options files' values, typed: no command line in between.
        Assert.Equal((20, 8), (((SftOptions)sft.Options).MaxSteps, sft.Options.PerDeviceTrainBatchSize));
        Assert.Equal((0.1, 20, 64, true), (((DpoOptions)dpo.Options).Beta, dpo.Options.MaxSteps, ((DpoOptions)dpo.Options).MaxPromptLength,
            ((DpoOptions)dpo.Options).PrecomputeRefLogProbs));
    }

    [Fact]
    public void Requests_OneStepMapping_TrainsIntoRunDirTrain()
    {
        var dir = Directory.CreateTempSubdirectory("cai-train-step-").FullName;
        var path = Path.Combine(dir, "pipeline.yaml");
        File.WriteAllText(path, """
            prompts: { path: p.jsonl }
            constitution: c.yaml
            models: { policy: "local:/models/x.bin", critic: rules }
            pairs: { exports: [jsonl, kto] }
            train: { trainer: kto }
            """);

        var request = Assert.Single(RunTrainStep.Requests(PipelineConfigLoader.Load(path, []), dir));

        Assert.IsType<KtoOptions>(request.Options);
        Assert.Equal((Path.Combine(dir, "pairs", "train.kto.jsonl"), Path.Combine(dir, "train")), (request.Data, request.Out));
    }

    [Fact]
    public void Load_SetOnAChainStep_ChangesThatStepOnly()
    {
        var options = Path.Combine(Directory.CreateTempSubdirectory("cai-train-step-").FullName, "soft.yaml");

        var config = Quickstart($"train.1.config={options}", "train.0.trainer=sft");

        Assert.Equal([SharedData.Repo("examples", "quickstart", "sft.yaml"), options], config.Train.Select(s => s.OptionsFile));
        var error = Assert.Throws<PipelineConfigException>(() => Quickstart("train.2.config=x.yaml"));
        Assert.Contains("'2' is not an index of the list (0 to 1)", error.Message);
    }

    [Fact]
    public void Load_UnknownTrainer_ReportsLineAndColumn()
    {
        var dir = Directory.CreateTempSubdirectory("cai-train-step-").FullName;
        var yaml = File.ReadAllText(SharedData.Repo("examples", "quickstart", "pipeline.yaml")).Replace("- trainer: dpo", "- trainer: sac");
        var path = Path.Combine(dir, "pipeline.yaml");
        File.WriteAllText(path, yaml);
        var line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("- trainer: sac")) + 1;

        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfigLoader.Load(path, []));

        Assert.Contains($"{path}:{line}:14: train[1].trainer", error.Message);
    }

    [Fact]
    public void Load_StepWithoutItsExport_FailsBeforeTheRunNamingTheExport()
    {
        var dir = Directory.CreateTempSubdirectory("cai-train-step-").FullName;
        var yaml = File.ReadAllText(SharedData.Repo("examples", "quickstart", "pipeline.yaml")).Replace("exports: [jsonl, parquet, kto, sft]", "exports: [jsonl]");
        var path = Path.Combine(dir, "pipeline.yaml");
        File.WriteAllText(path, yaml);

        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfigLoader.Load(path, []));

        Assert.Contains("train[0]: the sft trainer reads the sft export; add sft to pairs.exports", error.Message);
    }
}

/// <summary>The online steps of a <c>train:</c> chain: what each request trains, from which model, against which reward.</summary>
public sealed class RunOnlineTrainStepTests
{
    static (PipelineConfig Config, string Dir) Load(string train, string feedback = "openai-compatible:judge@http://127.0.0.1:9/v1", params string[] files)
    {
        var dir = Directory.CreateTempSubdirectory("cai-train-step-").FullName;
        foreach (var file in files)
            File.WriteAllText(Path.Combine(dir, file.Split('=')[0]), file.Split('=', 2)[1].Replace(';', '\n'));
        var path = Path.Combine(dir, "pipeline.yaml");
        File.WriteAllText(path, $"""
            prompts: {"{"} path: p.jsonl {"}"}
            constitution: c.yaml
            models: {"{"} policy: "local:/models/x.bin", critic: rules, feedback: "{feedback}" {"}"}
            pairs: {"{"} exports: [jsonl, sft] {"}"}
            train:
            {train}
            """);
        return (PipelineConfigLoader.Load(path, []), dir);
    }

    [Fact]
    public void Requests_SftRewardPpoChain_PpoStartsFromTheSftModelAgainstTheRewardModelOnTheRunsPrompts()
    {
        var (config, dir) = Load("""
              - trainer: sft
              - trainer: reward
                config: reward.yaml
              - trainer: ppo
                config: ppo.yaml
              - trainer: grpo
                reward: rules
              - trainer: online-dpo
                reward: pairwise-judge
              - trainer: rloo
                reward: judge
            """, files: ["reward.yaml=max_steps: 3", "ppo.yaml=max_steps: 2;response_length: 8"]);
        var train = Path.Combine(dir, "train");

        var requests = RunTrainStep.Requests(config, dir);

        Assert.Equal(["sft", "reward", "ppo", "grpo", "online-dpo", "rloo"], requests.Select(r => r.Trainer));
        var (sft, reward, ppo, grpo, dpo, rloo) = (requests[0], requests[1], requests[2], requests[3], requests[4], requests[5]);
        // The reward model trains on the exported pairs from the SFT model, and the chain's policy stays the SFT model.
        Assert.Equal((Path.Combine(train, "sft"), Path.Combine(dir, "pairs", "train.jsonl"), Path.Combine(dir, "pairs", "test.jsonl"), 3),
            (reward.Model, reward.Data, reward.EvalData, reward.Options.MaxSteps));
        Assert.Equal((Path.Combine(train, "sft"), Path.Combine(dir, "p.jsonl"), Path.Combine(train, "ppo"), null, true),
            (ppo.Model, ppo.Data, ppo.Out, ppo.EvalData, ppo.Resume));
        Assert.Equal([Path.Combine(train, "reward")], ppo.Rewards);
        Assert.Equal((2, 8), (ppo.Options.MaxSteps, ((PpoOptions)ppo.Options).ResponseLength));
        // Later online steps continue from the policy before them, each with its reward as a --reward spec.
        Assert.Equal((Path.Combine(train, "ppo"), $"rules:{Path.Combine(dir, "c.yaml")}"), (grpo.Model, Assert.Single(grpo.Rewards)));
        Assert.Equal((Path.Combine(train, "grpo"), "pairwise-judge:openai-compatible:judge@http://127.0.0.1:9/v1", Path.Combine(dir, "c.yaml")),
            (dpo.Model, Assert.Single(dpo.Rewards), dpo.Constitution));
        Assert.Equal("judge:openai-compatible:judge@http://127.0.0.1:9/v1", Assert.Single(rloo.Rewards));
    }

    [Theory]
    [InlineData("  - trainer: ppo", "train[0]: the ppo trainer needs a reward: rules, judge, reward-model (after a reward step) or a reward-model folder")]
    [InlineData("  - trainer: grpo\n    reward: reward-model", "train[0].reward: reward-model names the chain's reward step, and no reward step comes before this one")]
    [InlineData("  - trainer: reward\n  - trainer: grpo\n    reward: pairwise-judge", "train[1].reward: pairwise-judge picks chosen and rejected for online-dpo; grpo needs a score per answer")]
    [InlineData("  - trainer: dpo\n    reward: rules", "train[0].reward: the dpo trainer takes no reward")]
    public void Load_OnlineStepWithAMisfitReward_FailsBeforeTheRun(string train, string expected)
    {
        var error = Assert.Throws<PipelineConfigException>(() => Load(train));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("  - trainer: grpo\n    reward: judge", "rules", "train[0].reward: judge asks the run's feedback model, and models.feedback is the rules judge")]
    [InlineData("  - trainer: grpo\n    reward: rules\n    config: g.yaml", null, "g.yaml: invalid option: num_generations must divide the generation batch")]
    [InlineData("  - trainer: ppo\n    reward: no-such-folder", null, "train[0].reward:")]
    public void Requests_BadOnlineStep_IsOneCliErrorBeforeTheRun(string train, string? feedback, string expected)
    {
        var (config, dir) = Load(train, feedback ?? "openai-compatible:judge@http://127.0.0.1:9/v1", "g.yaml=num_generations: 3;per_device_train_batch_size: 4");

        var error = Assert.Throws<CliException>(() => RunTrainStep.Requests(config, dir));

        Assert.Contains(expected, error.Message);
    }
}
