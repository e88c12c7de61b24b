using Cai.Pipeline.Evaluation;
using Cai.Pipeline.Providers;
using Cai.TestKit.FaultServer;

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

public sealed class ChatClientChoiceScorerServerTests
{
    // An OpenAI-compatible judge server that answers each HHH question with its correct (or wrong) letter.
    static async Task<MultipleChoiceResult> AskServerAsync(bool reversed)
    {
        var items = HhhReader.Read(EvalFixtures.HhhPath, 6);
        var answers = items.ToDictionary(i => i.Prompt, i => reversed ? i.Incorrects[0] : i.Corrects[0]);
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Responder = prompt => answers[prompt].Trim() });
        using var client = new ChatClientFactory(_ => null).Create($"openai-compatible:judge@{server.BaseUrl}");

        return await new MultipleChoiceAccuracyMetric(new ChatClientChoiceScorer(client, "judge")).EvaluateAsync(items);
    }

    [Fact]
    public async Task EvaluateAsync_ServerAnsweringCorrectly_AccuracyOneFromLogProbs()
    {
        var result = await AskServerAsync(reversed: false);

        Assert.Equal((6, 1.0, 0.0), (result.Correct, result.Accuracy, result.StandardError));
        Assert.Equal(1.0, result.MeanCorrectProbability, 12);
    }

    [Fact]
    public async Task EvaluateAsync_ServerAnsweringWrongly_AccuracyZero() =>
        Assert.Equal(0.0, (await AskServerAsync(reversed: true)).Accuracy);

    [Fact]
    public async Task ScoreAsync_ServerWithoutLogProbs_ThrowsNotSupported()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { SupportsLogProbabilities = false, Responder = _ => "(A)" });
        using var client = new ChatClientFactory(_ => null).Create($"openai-compatible:judge@{server.BaseUrl}");

        await Assert.ThrowsAsync<LogProbabilitiesNotSupportedException>(() =>
            new ChatClientChoiceScorer(client, "judge").ScoreAsync("Q? The answer is:", [" (A)", " (B)"]));
    }
}
