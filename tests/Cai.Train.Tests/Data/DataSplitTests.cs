using Cai.Train.Data;

namespace Cai.Train.Tests.Data;

public sealed class DataSplitTests
{
    [Fact]
    public void Split_SameSeed_SameSplitCoveringEveryItemOnce()
    {
        var items = Enumerable.Range(0, 100).ToArray();

        var (train, eval) = DataSplit.Split(items, 0.1, seed: 3);
        var (train2, eval2) = DataSplit.Split(items, 0.1, seed: 3);
        var (_, other) = DataSplit.Split(items, 0.1, seed: 4);

        Assert.Equal(10, eval.Count);
        Assert.Equal(items, train.Concat(eval).Order());
        Assert.Equal(eval, eval2);
        Assert.Equal(train, train2);
        Assert.NotEqual(eval, other);
    }

    [Fact]
    public void Split_FractionOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Split([1, 2], 1.0, 0));
}
