using Cai.Models.Scoring;
using static TorchSharp.torch;

namespace Cai.Models.Tests.Scoring;

[Collection(TorchCollection.Name)]
public class SequenceScorerTests
{
    static readonly (IReadOnlyList<int> Prompt, IReadOnlyList<int> Completion)[] Pairs =
    [
        ([1, 403, 407], [261, 378, 432]),
        ([1, 317], [269, 274, 287, 263, 377, 267]),
        ([1, 403, 407, 261, 378, 432, 383], [286]),
    ];

    [Fact]
    public void Score_Batch_EqualsEachPairScoredAlone()
    {
        var scorer = new SequenceScorer(Stories260K.Model);
        var batched = scorer.Score(Pairs);
        for (var i = 0; i < Pairs.Length; i++)
        {
            var single = scorer.Score([Pairs[i]]).Single();
            Assert.Equal(Pairs[i].Completion.Count, batched[i].TokenCount);
            Assert.Equal(single.LogProb, batched[i].LogProb, 1e-4);
            for (var t = 0; t < single.TokenCount; t++)
                Assert.Equal(single.TokenLogProbs[t], batched[i].TokenLogProbs[t], 1e-5);
        }
    }

    [Fact]
    public void Score_Sum_EqualsLogSoftmaxGatheredByHand()
    {
        var (prompt, completion) = Pairs[1];
        var ids = prompt.Concat(completion).ToArray();
        double expected = 0;
        using (no_grad())
        {
            var logp = Stories260K.Model.Forward(tensor(ids.Select(i => (long)i).ToArray()).unsqueeze(0))[0].log_softmax(-1);
            for (var t = prompt.Count; t < ids.Length; t++)
                expected += logp[t - 1, ids[t]].item<float>();
        }
        var score = new SequenceScorer(Stories260K.Model).Score([Pairs[1]]).Single();
        Assert.Equal(expected, score.LogProb, 1e-4);
        Assert.True(score.LogProb < 0);
    }

    [Fact]
    public void TokenLogProbs_LeftPaddedRow_EqualsUnpaddedRow()
    {
        long[] ids = [1, 403, 407, 261, 378];
        var padded = tensor(new long[] { 0, 0, 1, 403, 407, 261, 378 }).unsqueeze(0);
        var paddedMask = tensor(new[] { false, false, true, true, true, true, true }).unsqueeze(0);
        var paddedCompletion = tensor(new[] { false, false, false, false, true, true, true }).unsqueeze(0);
        using var _ = no_grad();
        var plain = SequenceScorer.TokenLogProbs(Stories260K.Model, tensor(ids).unsqueeze(0),
            ones(1, 5, ScalarType.Bool), tensor(new[] { false, false, true, true, true }).unsqueeze(0));
        var shifted = SequenceScorer.TokenLogProbs(Stories260K.Model, padded, paddedMask, paddedCompletion);
        Assert.Equal(plain.sum().item<float>(), shifted.sum().item<float>(), 1e-4);
        Assert.Equal(0f, shifted[0, ..3].abs().sum().item<float>());
    }

    [Fact]
    public void TokenLogProbs_WithGrad_BackpropagatesToEveryParameter()
    {
        var model = Stories260K.Model;
        model.zero_grad();
        var ids = tensor(new long[] { 1, 403, 407, 261, 378 }).unsqueeze(0);
        var loss = -SequenceScorer.TokenLogProbs(model, ids, ones(1, 5, ScalarType.Bool), ones(1, 5, ScalarType.Bool)).sum();
        loss.backward();
        Assert.All(model.named_parameters(), p => Assert.True(p.parameter.grad is not null && p.parameter.grad.abs().sum().item<float>() > 0, p.name));
        model.zero_grad();
    }
}
