using Cai.Cli.Commands;
using Cai.Pipeline.Config;
using Cai.TestKit;

namespace Cai.Cli.Tests.Run;

public sealed class RunTrainStepTests
{
    static PipelineConfig Quickstart(params string[] set) =>
        PipelineConfigLoader.Load(SharedData.Repo("examples", "quickstart", "pipeline.yaml"), set);

    [Fact]
    public void Arguments_QuickstartConfig_TrainDpoOnTheExportedPairsWithTheOptionsFile()
    {
        var config = Quickstart();
        var runDir = Directory.CreateTempSubdirectory("cai-train-step-").FullName;
        Directory.CreateDirectory(Path.Combine(runDir, "pairs"));
        File.WriteAllText(Path.Combine(runDir, "pairs", "train.jsonl"), "");

        var args = RunTrainStep.Arguments(config, runDir);

        Assert.Equal(TrainStepKind.Dpo, config.Train!.Trainer);
        Assert.Equal(["train", "dpo", "--model", config.Policy.Parsed.Model, "--data", Path.Combine(runDir, "pairs", "train.jsonl"),
            "--out", Path.Combine(runDir, "train"), "--resume", "--config", SharedData.Repo("examples", "quickstart", "dpo.yaml")], args);
    }

    [Fact]
    public void Arguments_KtoWithoutExportedRows_NamesTheMissingFile()
    {
        var config = Quickstart("train.trainer=kto");
        var runDir = Directory.CreateTempSubdirectory("cai-train-step-").FullName;

        var error = Assert.Throws<CliException>(() => RunTrainStep.Arguments(config, runDir));

        Assert.Contains(Path.Combine(runDir, "pairs", "train.kto.jsonl"), error.Message);
    }

    [Fact]
    public void Load_UnknownTrainer_ReportsLineAndColumn()
    {
        var dir = Directory.CreateTempSubdirectory("cai-train-step-").FullName;
        var yaml = File.ReadAllText(SharedData.Repo("examples", "quickstart", "pipeline.yaml")).Replace("trainer: dpo", "trainer: ppo");
        var path = Path.Combine(dir, "pipeline.yaml");
        File.WriteAllText(path, yaml);
        var line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("trainer: ppo")) + 1;

        var error = Assert.Throws<PipelineConfigException>(() => PipelineConfigLoader.Load(path, []));

        Assert.Contains($"{path}:{line}:12: train.trainer", error.Message);
    }
}
