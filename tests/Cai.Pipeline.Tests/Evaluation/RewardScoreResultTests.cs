using Cai.Pipeline.Evaluation;

namespace Cai.Pipeline.Tests.Evaluation;

public sealed class RewardScoreResultTests
{
    [Fact]
    public void From_TwoPromptsOfTwo_MeanAndClusterStandardErrorByHand()
    {
        // Prompt a scores 1 and 3 (sum 4), prompt b scores 0 and 0 (sum 0); mean 1 over n = 4.
        // Cluster variance: ((4 - 1*2)^2 + (0 - 1*2)^2) * P/(P-1) / n^2 = (4 + 4) * 2 / 16 = 1, so the error is 1.
        var result = RewardScoreResult.From("rm", [("a", 1.0), ("a", 3.0), ("b", 0.0), ("b", 0.0)]);

        Assert.Equal(("rm", 4, 1.0), (result.RewardModel, result.Completions, result.Mean));
        Assert.Equal(1.0, result.PromptStandardError!.Value, 12);
        Assert.Equal([1.0, 3.0, 0.0, 0.0], result.Scores!);
    }

    [Fact]
    public void From_OnePrompt_HasNoStandardErrorOverPrompts()
    {
        var result = RewardScoreResult.From("rm", [("a", -2.0), ("a", 0.0)]);

        Assert.Equal(-1.0, result.Mean);
        Assert.Null(result.PromptStandardError);
    }

    [Fact]
    public void From_NonFiniteScore_NamesThePrompt()
    {
        var ex = Assert.Throws<ArgumentException>(() => RewardScoreResult.From("rm", [("a", 1.0), ("b", double.NaN)]));

        Assert.Contains("prompt 'b'", ex.Message);
    }
}
