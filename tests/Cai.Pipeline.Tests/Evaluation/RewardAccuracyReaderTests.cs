using Cai.Pipeline.Evaluation;

namespace Cai.Pipeline.Tests.Evaluation;

public sealed class RewardAccuracyReaderTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("cai-reward-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Read_MetricsWithEvalLines_ReturnsLastEvalAccuracy()
    {
        File.WriteAllLines(Path.Combine(dir, "metrics.jsonl"),
        [
            """{"step": 10, "loss": 0.69, "rewards/accuracies": 0.5}""",
            """{"step": 20, "eval_loss": 0.6, "eval_rewards/accuracies": 0.625}""",
            "",
            """{"step": 30, "loss": 0.41}""",
            """{"step": 40, "eval_accuracy": 0.75}""",
        ]);

        var result = RewardAccuracyReader.Read(dir);

        Assert.Equal((0.75, "eval_accuracy", 40L), (result.Accuracy, result.Metric, result.Step));
        Assert.Null(result.Note);
    }

    [Fact]
    public void Read_NoMetricsFile_GivesNoteNotError()
    {
        var result = RewardAccuracyReader.Read(dir);

        Assert.Null(result.Accuracy);
        Assert.Contains("no metrics.jsonl", result.Note);
    }

    [Fact]
    public void Read_TrainingLinesOnly_NotesMissingMetric()
    {
        File.WriteAllText(Path.Combine(dir, "metrics.jsonl"), """{"step": 1, "rewards/accuracies": 0.9}""" + "\n");

        Assert.Contains("eval_rewards/accuracies", RewardAccuracyReader.Read(dir).Note);
    }

    [Fact]
    public void Read_BadLine_ThrowsNamingFileAndLine()
    {
        var path = Path.Combine(dir, "metrics.jsonl");
        File.WriteAllLines(path, ["""{"step": 1}""", "{not json"]);

        var ex = Assert.Throws<InvalidDataException>(() => RewardAccuracyReader.Read(dir));

        Assert.Contains($"{path}:2:", ex.Message);
    }
}
