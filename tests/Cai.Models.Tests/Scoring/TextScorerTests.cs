using Cai.Models.Scoring;

namespace Cai.Models.Tests.Scoring;

[Collection(TorchCollection.Name)]
public class TextScorerTests
{
    static TextScorer NewScorer() => new(Stories260K.Model, Stories260K.Tokenizer);

    [Fact]
    public void Score_GreedyContinuation_IsGreedyWithOneToken()
    {
        var score = NewScorer().Score("Once upon a", " time");
        Assert.Equal(1, score.TokenCount);
        Assert.True(score.IsGreedy);
        Assert.True(score.LogProb is < 0 and > -1);
    }

    [Fact]
    public void Score_UnlikelyContinuation_ScoresLowerThanLikelyOne()
    {
        var scores = NewScorer().ScoreBatch([("Once upon a", " time, there was"), ("Once upon a", " park ball dog was")]);
        Assert.True(scores[0].LogProb > scores[1].LogProb);
        Assert.False(scores[1].IsGreedy);
    }

    [Fact]
    public void ScoreBatch_WithAnEndToken_AddsThatTokensLogProbAfterTheCompletion()
    {
        // A sampled story that ended with BOS chose to end there: its probability includes that token.
        var scorer = NewScorer();
        const string prompt = "Once upon a", completion = " time, there was a little dog.";
        var plain = scorer.Score(prompt, completion);
        var ended = scorer.ScoreBatch([(prompt, completion), (prompt, completion)], [1, null]);
        var endLogProb = scorer.NextTokenLogProbs(prompt + completion, 512).Single(t => t.Id == 1).LogProb;

        Assert.Equal(plain.TokenCount + 1, ended[0].TokenCount);
        Assert.Equal(plain.LogProb + endLogProb, ended[0].LogProb, 4);
        Assert.Equal(plain.LogProb, ended[1].LogProb, 4); // a batch of two pads differently than one alone
        Assert.Throws<ArgumentException>(() => scorer.ScoreBatch([(prompt, completion)], [1, 1]));
    }

    [Fact]
    public void Score_EmptyCompletion_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => NewScorer().Score("Once upon a", ""));
        Assert.Contains("adds no tokens", ex.Message);
    }

    [Fact]
    public void NextTokenLogProbs_AfterBos_TopIdsMatchGoldenPosition0()
    {
        var top = NewScorer().NextTokenLogProbs("", 5);
        var expected = Stories260K.Golden.GetProperty("greedy_from_bos").GetProperty("top5_logits").GetProperty("pos0")
            .EnumerateArray().Select(e => e[0].GetInt32());
        Assert.Equal(expected, top.Select(t => t.Id));
        Assert.Equal(" Once", top[0].Token);
        Assert.True(top.Sum(t => Math.Exp(t.LogProb)) < 1.0);
    }
}
