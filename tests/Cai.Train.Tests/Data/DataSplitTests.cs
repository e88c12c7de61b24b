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

    [Fact]
    public void Split_DistinctGroupKeys_EqualsTheUngroupedSplit()
    {
        var items = Enumerable.Range(0, 57).ToArray();
        var (train, eval) = DataSplit.Split(items, 0.2, seed: 5);
        var (groupedTrain, groupedEval) = DataSplit.Split(items, 0.2, seed: 5, i => $"k{i}");
        Assert.Equal(eval, groupedEval);
        Assert.Equal(train, groupedTrain);
    }

    [Fact]
    public void Split_GroupKey_HoldsOutWholeGroupsOnly()
    {
        // 40 prompts with 1 to 6 rows each: no prompt may appear on both sides.
        var items = Enumerable.Range(0, 40).SelectMany(g => Enumerable.Range(0, 1 + g % 6).Select(k => (Group: g, Row: k))).ToArray();

        var (train, eval) = DataSplit.Split(items, 0.25, seed: 9, x => $"prompt {x.Group}");

        Assert.Equal(items.Length, train.Count + eval.Count);
        Assert.Empty(train.Select(x => x.Group).Intersect(eval.Select(x => x.Group)));
        Assert.All(eval.GroupBy(x => x.Group), g => Assert.Equal(1 + g.Key % 6, g.Count()));
        Assert.InRange(eval.Count, (int)Math.Round(items.Length * 0.25), (int)Math.Round(items.Length * 0.25) + 5);
        var (_, ungrouped) = DataSplit.Split(items, 0.25, seed: 9);
        Assert.NotEmpty(train.Select(x => x.Group).Intersect(ungrouped.Select(x => x.Group)));
    }

    [Fact]
    public void Split_OneGroup_StaysInTrain()
    {
        var (train, eval) = DataSplit.Split([1, 2, 3], 0.5, seed: 1, _ => "same prompt");
        Assert.Equal([1, 2, 3], train);
        Assert.Empty(eval);
    }
}
