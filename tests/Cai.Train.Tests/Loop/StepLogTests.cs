using Cai.Train.Loop;
using Cai.Train.Online;

namespace Cai.Train.Tests.Loop;

/// <summary>The logs a resumed run reopens (metrics.jsonl, completions.jsonl) keep what was logged through the checkpoint.</summary>
public sealed class StepLogTests
{
    [Fact]
    public void Open_Resumed_KeepsLinesThroughTheStepWithNoTempFileLeft_Fresh_StartsEmpty()
    {
        var dir = Stories.TempDir();
        var path = Path.Combine(dir, CompletionsLog.FileName);
        File.WriteAllText(path, "{\"step\":1,\"text\":\"a\"}\n\n{\"step\":2,\"text\":\"b\"}\n{\"step\":3,\"text\":\"lost\"}\n");

        using (var writer = StepLog.Open(path, keepThroughStep: 2))
            writer.WriteLine("{\"step\":3,\"text\":\"again\"}");

        Assert.Equal(["{\"step\":1,\"text\":\"a\"}", "{\"step\":2,\"text\":\"b\"}", "{\"step\":3,\"text\":\"again\"}"], File.ReadAllLines(path));
        Assert.Equal([CompletionsLog.FileName], Directory.GetFiles(dir).Select(Path.GetFileName)); // no temp file left beside it

        using (StepLog.Open(path, keepThroughStep: null)) { }
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public void CompletionsLog_Resumed_DropsTheInterruptedRunsLaterLines()
    {
        var dir = Stories.TempDir();
        var path = Path.Combine(dir, CompletionsLog.FileName);
        File.WriteAllText(path, "{\"step\":1}\n{\"step\":2}\n");

        using (new CompletionsLog(dir, keepThroughStep: 1)) { }

        Assert.Equal(["{\"step\":1}"], File.ReadAllLines(path));
    }
}
