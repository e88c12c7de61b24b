using Cai.Train.Online;
using TorchSharp;
using static TorchSharp.torch;

namespace Cai.Train.Tests.Online;

[Collection(TorchCollection.Name)]
public sealed class RolloutBatchTests
{
    [Fact]
    public void Constructor_LeftPadsPromptsRightPadsResponses_WithPerRowPositions()
    {
        var prompts = PpoTrainerTests.Prompts(2).Select((p, i) => p with { Ids = i == 0 ? [1, 10, 11] : [1, 20] }).ToArray();
        using var batch = new RolloutBatch(prompts, [[5, 2], [6, 7, 8]], ["a", "b"], [true, false], CPU);

        Assert.Equal(3, batch.ContextLength);
        Assert.Equal(new long[] { 1, 10, 11, 5, 2, 0, 0, 1, 20, 6, 7, 8 }, batch.QueryResponses.data<long>().ToArray());
        Assert.Equal(new[] { true, true, true, true, true, false, false, true, true, true, true, true }, batch.AttentionMask.data<bool>().ToArray());
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5, 0, 0, 1, 2, 3, 4 }, batch.Positions.data<long>().ToArray());
        Assert.Equal(new[] { true, true, false, true, true, true }, batch.ResponseMask.data<bool>().ToArray());
        Assert.Equal(5, batch.TokenCount);
    }

    [Fact]
    public void Logits_OfALeftPaddedRow_MatchTheRowAlone()
    {
        var model = Stories.Model();
        var prompts = PpoTrainerTests.Prompts(2).Select((p, i) => p with { Ids = i == 0 ? [1, 10, 11, 12] : [1, 20] }).ToArray();
        using var batch = new RolloutBatch(prompts, [[5, 2], [6, 7, 8]], ["a", "b"], [true, false], CPU);
        using var alone = new RolloutBatch([prompts[1]], [[6, 7, 8]], ["b"], [false], CPU);
        using var _ = no_grad();

        var padded = RolloutForward.LogProbs(RolloutForward.Logits(model, batch, RolloutForward.Rows([1], CPU), 0.7), batch.ResponseIds[1..2]);
        var single = RolloutForward.LogProbs(RolloutForward.Logits(model, alone, RolloutForward.Rows([0], CPU), 0.7), alone.ResponseIds);

        Assert.True(padded.allclose(single, rtol: 1e-4, atol: 1e-5), "left padding changed the log-probs");
    }
}
