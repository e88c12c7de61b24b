using Cai.Train.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Data;

[Collection(TorchCollection.Name)]
public sealed class SequenceCollatorTests
{
    [Fact]
    public void CollatePairs_TwoPairs_ChosenRowsThenRejectedRightPaddedWithMasks()
    {
        TokenizedPair[] pairs = [new("a", [1, 5], [7, 2], [8, 9, 2]), new("b", [1], [6, 2], [2])];

        using var batch = SequenceCollator.CollatePairs(pairs, padId: 0);

        Assert.Equal(new long[] { 4, 5 }, batch.InputIds.shape);
        Assert.Equal(new long[] { 1, 5, 7, 2, 0, 1, 6, 2, 0, 0, 1, 5, 8, 9, 2, 1, 2, 0, 0, 0 }, batch.InputIds.data<long>().ToArray());
        Assert.Equal(new[] { false, false, true, true, false, false, true, true, false, false, false, false, true, true, true, false, true, false, false, false },
            batch.CompletionMask.data<bool>().ToArray());
        Assert.Equal(new[] { 4, 3, 5, 2 }, batch.Lengths);
        Assert.Equal(14, batch.TokenCount);
        Assert.Equal(batch.Lengths.Sum(), batch.AttentionMask.sum().ToInt64());
    }
}
