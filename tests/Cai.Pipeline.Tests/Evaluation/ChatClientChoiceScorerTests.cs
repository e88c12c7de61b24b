using Cai.Pipeline.Evaluation;
using Cai.Pipeline.Providers;

namespace Cai.Pipeline.Tests.Evaluation;

public sealed class ChatClientChoiceScorerTests
{
    static readonly string[] Options = [" (A)", " (B)"];

    [Fact]
    public void FromTokens_AnswerAfterOpeningBracket_ReadsLetterAlternatives()
    {
        TokenLogProbability[] tokens =
        [
            new(" (", -0.01, [new(" (", -0.01)]),
            new("B", -0.2, [new("B", -0.2), new("A", -1.8), new("C", -4.0)]),
            new(")", -0.001, []),
        ];

        Assert.Equal([-1.8, -0.2], ChatClientChoiceScorer.FromTokens(tokens, Options));
    }

    [Fact]
    public void FromTokens_LetterMissingFromAlternatives_IsNegativeInfinity()
    {
        TokenLogProbability[] tokens = [new("(A", -0.05, [new("(A", -0.05), new("The", -3.0)])];

        var scores = ChatClientChoiceScorer.FromTokens(tokens, Options);

        Assert.Equal(-0.05, scores[0]);
        Assert.True(double.IsNegativeInfinity(scores[1]));
    }

    [Fact]
    public void FromTokens_NoTokens_AllNegativeInfinity() =>
        Assert.All(ChatClientChoiceScorer.FromTokens([], Options), s => Assert.True(double.IsNegativeInfinity(s)));
}
