using Cai.Pipeline.Runner;

namespace Cai.Pipeline.Tests.Runner;

public sealed class ShardTests
{
    [Fact]
    public void Contains_FourShards_EveryIdInExactlyOneAndRoughlyBalanced()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => $"prompt-{i}").ToList();
        var shards = Enumerable.Range(0, 4).Select(k => new Shard(k, 4)).ToList();

        Assert.All(ids, id => Assert.Single(shards, s => s.Contains(id)));
        Assert.All(shards, s => Assert.InRange(ids.Count(s.Contains), 400, 600));
    }

    [Fact]
    public void Of_KnownId_StableValue()
    {
        // sha256("abc") starts ba7816bf8f01cfea: little-endian uint64 0xeacf018fbf1678ba, mod 7 computed independently.
        Assert.Equal((int)(0xeacf018fbf1678baUL % 7), Shard.Of("abc", 7));
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    public void Parse_Valid_ReturnsShard(string text, int index, int count) =>
        Assert.Equal(new Shard(index, count), Shard.Parse(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("1")]
    [InlineData("-1/3")]
    [InlineData("a/b")]
    [InlineData("0/0")]
    public void Parse_Invalid_ThrowsFormatException(string text) =>
        Assert.Contains("k/n", Assert.Throws<FormatException>(() => Shard.Parse(text)).Message);
}
