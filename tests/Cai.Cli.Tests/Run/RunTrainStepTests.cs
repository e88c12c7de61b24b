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
        var yaml = File.ReadAllText(SharedData.Repo("examples", "quickstart", "pipeline.yaml")).Replace("- trainer: dpo", "- trainer: ppo");
        var path = Path.Combine(dir, "pipeline.yaml");
        File.WriteAllText(path, yaml);
        var line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("- trainer: ppo")) + 1;

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
