using Cai.Core.Records;
using Cai.TestKit.Fakes;

namespace Cai.Preference.Tests;

public class FeedbackLabelerTests
{
    static readonly IReadOnlyList<Message> Conversation = [Message.User("Tell a story.")];
    static readonly Cai.Core.Constitutions.Principle Principle = FakeConstitution.Principle("kind");

    // Answers with one set of log-probs when "story one" is option (A) and another when the options are swapped.
    static FakeChoiceLogProbs ByOrder(IReadOnlyDictionary<string, double> firstIsA, IReadOnlyDictionary<string, double> firstIsB) =>
        new(prompt => prompt[0].Content.Contains("(A) story one") ? firstIsA : firstIsB);

    [Fact]
    public async Task CompareAsync_BothOrders_AveragesTheSwappedProbabilities()
    {
        // Order 1: P(A) = 0.8 with A = first. Order 2: P(A) = 0.3, P(B) = 0.7 with B = first.
        // P(first) = (0.8 + 0.7) / 2 = 0.75.
        var source = ByOrder(FakeChoiceLogProbs.Choices(0.8, 0.2), FakeChoiceLogProbs.Choices(0.3, 0.7));
        var labeler = new FeedbackLabeler(source, "fake:feedback");

        var p = (await labeler.CompareAsync(Conversation, "story one", "story two", Principle, CancellationToken.None)).ProbabilityFirstBetter;

        Assert.Equal(0.75, p, 12);
        Assert.Equal(2, source.Prompts.Count);
        Assert.Contains("(A) story one\n(B) story two\nThe answer is:", source.Prompts[0][0].Content);
        Assert.Contains("(A) story two\n(B) story one\nThe answer is:", source.Prompts[1][0].Content);
    }

    [Fact]
    public async Task CompareAsync_UnnormalisedLogProbs_NormalisesOverTheTwoLetters()
    {
        // Order 1: 0.4 / (0.4 + 0.1) = 0.8. Order 2: P(A) = 0.15 / 0.2 = 0.75, so P(first as B) = 0.25.
        // P(first) = (0.8 + 0.25) / 2 = 0.525.
        var source = ByOrder(FakeChoiceLogProbs.Choices(0.4, 0.1), FakeChoiceLogProbs.Choices(0.15, 0.05));
        var p = (await new FeedbackLabeler(source, "m").CompareAsync(Conversation, "story one", "story two", Principle, CancellationToken.None)).ProbabilityFirstBetter;
        Assert.Equal(0.525, p, 12);
    }

    [Fact]
    public async Task CompareAsync_ChainOfThought_ClampsEachOrderThenAverages()
    {
        // Order 1: P(A) = 0.9, clamped to 0.6. Order 2: P(A) = 0.55 stays, so P(first as B) = 0.45.
        // P(first) = (0.6 + 0.45) / 2 = 0.525 (unclamped it would be (0.9 + 0.45) / 2 = 0.675).
        var source = new FakeChoiceLogProbs(prompt => prompt[0].Content.Contains("(A) story one")
            ? FakeChoiceLogProbs.Choices(0.9, 0.1)
            : FakeChoiceLogProbs.Choices(0.55, 0.45));
        var reasoner = new FakeChatClient("Option A is gentler.");
        var labeler = new FeedbackLabeler(source, "m", new FeedbackOptions { Cot = true }, reasoner);

        var p = (await labeler.CompareAsync(Conversation, "story one", "story two", Principle, CancellationToken.None)).ProbabilityFirstBetter;

        Assert.Equal(0.525, p, 12);
        Assert.Equal(2, reasoner.Calls.Count);
        Assert.EndsWith("Let's think step by step:", reasoner.Calls[0].LastText);
        var answerPrompt = source.Prompts[0];
        Assert.Equal(3, answerPrompt.Count);
        Assert.Equal(Message.Assistant("Option A is gentler."), answerPrompt[1]);
        Assert.Equal(Message.User(ComparisonPrompt.AnswerRequest), answerPrompt[2]);
    }

    [Fact]
    public async Task CompareAsync_CustomClamp_UsesIt()
    {
        // Order 1: 0.9 -> 0.7. Order 2: P(A) = 0.1 -> 0.3, so P(first as B) = 0.7. Average 0.7.
        var source = ByOrder(FakeChoiceLogProbs.Choices(0.9, 0.1), FakeChoiceLogProbs.Choices(0.1, 0.9));
        var options = new FeedbackOptions { Cot = true, Clamp = new(0.3, 0.7) };
        var p = (await new FeedbackLabeler(source, "m", options, new FakeChatClient("thinking"))
            .CompareAsync(Conversation, "story one", "story two", Principle, CancellationToken.None)).ProbabilityFirstBetter;
        Assert.Equal(0.7, p, 12);
    }

    [Fact]
    public void Constructor_ChainOfThoughtWithoutReasoner_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new FeedbackLabeler(new FakeChoiceLogProbs(_ => FakeChoiceLogProbs.Choices(0.5, 0.5)), "m", new FeedbackOptions { Cot = true }));
        Assert.Contains("Cot", ex.Message);
    }

    [Fact]
    public void Constructor_ClampOutsideZeroOne_NamesTheOption()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new FeedbackLabeler(
            new FakeChoiceLogProbs(_ => FakeChoiceLogProbs.Choices(0.5, 0.5)), "m", new FeedbackOptions { Clamp = new(0.3, 1.2) }));
        Assert.StartsWith("FeedbackOptions.Clamp must be in [0, 1] at both ends (got [0.3, 1.2]).", ex.Message);
    }

    [Fact]
    public void Clamp_HighBelowLow_CannotBeMade()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FeedbackOptions { Clamp = new(0.7, 0.6) });
        Assert.StartsWith("[0.7, 0.6] is not an interval: expected [low, high] with low <= high.", ex.Message);
    }
}
