using Cai.Train.Loop;

namespace Cai.Train.Tests.Loop;

public sealed class BatchScheduleTests
{
    [Fact]
    public void MicroBatches_OneEpoch_CoversEveryExampleOnceAndReshufflesNextEpoch()
    {
        var schedule = new BatchSchedule(count: 10, batchSize: 3, accumulation: 2, seed: 1);

        var epoch0 = Enumerable.Range(0, schedule.StepsPerEpoch).SelectMany(schedule.MicroBatches).ToArray();
        var epoch1 = Enumerable.Range(schedule.StepsPerEpoch, schedule.StepsPerEpoch).SelectMany(schedule.MicroBatches).ToArray();

        Assert.Equal((4, 2), (schedule.MicroBatchesPerEpoch, schedule.StepsPerEpoch));
        Assert.Equal(Enumerable.Range(0, 10), epoch0.SelectMany(b => b).Order());
        Assert.Equal(Enumerable.Range(0, 10), epoch1.SelectMany(b => b).Order());
        Assert.NotEqual(epoch0.SelectMany(b => b), epoch1.SelectMany(b => b));
        Assert.Equal(schedule.MicroBatches(3).SelectMany(b => b), new BatchSchedule(10, 3, 2, 1).MicroBatches(3).SelectMany(b => b));
    }
}
