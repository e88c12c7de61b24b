using Cai.Cli.Progress;

namespace Cai.Cli.Tests.Progress;

public sealed class EvalProgressTests
{
    [Fact]
    public void Add_RedirectedOutput_OneLinePerIntervalWithElapsedAndRemainingTime()
    {
        var clock = new ManualClock();
        var lines = new List<string>();
        var progress = new EvalProgress(160, TimeSpan.FromSeconds(10), clock, lines.Add);

        foreach (var seconds in new[] { 4, 6, 5, 5, 2 }) // batches finish at 4, 10, 15, 20 and 22 s
        {
            clock.Advance(TimeSpan.FromSeconds(seconds));
            progress.Add(32);
        }

        Assert.Equal(
        [
            "eval: 64/160 completions sampled (40%), 0:10 elapsed, about 0:15 left",
            "eval: 128/160 completions sampled (80%), 0:20 elapsed, about 0:05 left",
        ], lines);
    }
}
