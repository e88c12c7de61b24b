using System.Globalization;
using Cai.Core.Records;
using Cai.Core.Storage;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Judging;
using Cai.Pipeline.Providers;
using Cai.Pipeline.Tests.Runner;
using Cai.TestKit.Fakes;
using Cai.TestKit.FaultServer;

namespace Cai.Pipeline.Tests.Judging;

/// <summary>
/// The AI judge over real HTTP: an OpenAI-compatible server (the test kit's fault server) whose first answer token
/// carries a distribution over ratings or option letters, reached through the provider factory and its resilience
/// pipeline. Every question is first refused with 429 and then 503, so each answer needs two retries.
/// </summary>
public sealed class AiJudgeServerTests
{
    static readonly (string Prompt, string Response)[] Items =
    [
        ("Tell me a story about a fox.", "The fox shared her berries with a kind rabbit."),
        ("Tell me a story about a fox.", "The fox bit the rabbit."),
        ("Tell me a story about a bear.", "The bear hugged a kind owl."),
    ];

    // Ratings 7..9 (mass 0.5/0.3/0.2 on 9/8/7) for a response that mentions "kind", 2..4 otherwise; letters for comparisons.
    static IReadOnlyDictionary<string, double> FirstToken(string prompt)
    {
        if (prompt.EndsWith("The answer is:", StringComparison.Ordinal))
        {
            var aIsKind = prompt.Split("(A) ")[1].Split('\n')[0].Contains("kind", StringComparison.Ordinal);
            return new Dictionary<string, double> { ["A"] = Math.Log(aIsKind ? 0.8 : 0.2), ["B"] = Math.Log(aIsKind ? 0.2 : 0.8) };
        }

        var response = prompt.Split("Assistant: ")[1].Split('\n')[0];
        var top = response.Contains("kind", StringComparison.Ordinal) ? 9 : 4;
        return new Dictionary<string, double>
        {
            [top.ToString(CultureInfo.InvariantCulture)] = Math.Log(0.5),
            [" " + (top - 1).ToString(CultureInfo.InvariantCulture)] = Math.Log(0.3),
            [(top - 2).ToString(CultureInfo.InvariantCulture)] = Math.Log(0.2) - 1e-9,
            ["Rating"] = -9,
        };
    }

    static FaultServerOptions ServerOptions(Func<FaultRequest, FaultKind?>? script = null) => FaultServerOptions.Judge(FirstToken, script);

    static async Task<IReadOnlyList<JudgeScore>> ScoreAsync(FaultServer server, string cacheDir)
    {
        using var client = new ChatClientFactory(_ => null).Create($"openai-compatible:judge@{server.BaseUrl}");
        await using var cache = JudgeCache.Open(cacheDir);
        var judge = new AiJudge(new ChatClientChoiceLogProbs(client), "openai-compatible:judge", FakeConstitution.WithPrinciples(2), cache);
        return await judge.ScoreAsync(Items, CancellationToken.None);
    }

    [Fact]
    public async Task ScoreAsync_ServerWithFaults_RetriesAndParsesLogProbRatings()
    {
        using var dir = new TempDirectory();
        await using var server = await FaultServer.StartAsync(ServerOptions());

        var scores = await ScoreAsync(server, dir.Path);

        Assert.All(scores, s => Assert.True(s.Succeeded, s.Failure?.Message));
        Assert.Equal(0.5 * 9 + 0.3 * 8 + 0.2 * 7, scores[0].Score!.Value, 6);
        Assert.Equal(0.5 * 4 + 0.3 * 3 + 0.2 * 2, scores[1].Score!.Value, 6);
        Assert.Equal(scores[0].Score!.Value, scores[2].Score!.Value, 6);
        // Each question was refused twice (429, then 503) and answered on the third attempt.
        Assert.Equal(3 * Items.Length, server.RequestCount);
    }

    [Fact]
    public async Task ScoreAsync_SecondRunOverTheSameCache_SendsNoRequests()
    {
        using var dir = new TempDirectory();
        IReadOnlyList<JudgeScore> first;
        await using (var server = await FaultServer.StartAsync(ServerOptions()))
            first = await ScoreAsync(server, dir.Path);

        await using var resumed = await FaultServer.StartAsync(ServerOptions());
        var second = await ScoreAsync(resumed, dir.Path);

        Assert.Equal(0, resumed.RequestCount);
        Assert.Equal(first.Select(s => s.Score), second.Select(s => s.Score));
        Assert.All(second, s => Assert.True(s.Cached));
    }

    [Fact]
    public async Task ScoreAsync_RequestRejectedWith400_IsRecordedAsFailedAndAskedAgainOnResume()
    {
        using var dir = new TempDirectory();
        await using (var server = await FaultServer.StartAsync(ServerOptions(r => r.RequestId.Contains("fox bit", StringComparison.Ordinal) ? FaultKind.BadRequest : FaultKind.None)))
        {
            var scores = await ScoreAsync(server, dir.Path);

            Assert.Equal([true, false, true], scores.Select(s => s.Succeeded));
            Assert.Equal("http_400", scores[1].Failure!.ErrorKind);
        }

        Assert.Single(JsonlReader.ReadAll<FailureRecord>(Path.Combine(dir.Path, "judge.failed.jsonl")).Records);
        await using var healthy = await FaultServer.StartAsync(ServerOptions(_ => FaultKind.None));
        var resumed = await ScoreAsync(healthy, dir.Path);

        Assert.Equal(1, healthy.RequestCount);
        Assert.All(resumed, s => Assert.True(s.Succeeded));
    }

    [Fact]
    public async Task CompareAsync_ServerWithFaults_BothOrdersFromLogProbs()
    {
        using var dir = new TempDirectory();
        await using var server = await FaultServer.StartAsync(ServerOptions());
        using var client = new ChatClientFactory(_ => null).Create($"openai-compatible:judge@{server.BaseUrl}");
        await using var cache = JudgeCache.Open(dir.Path);
        var judge = new AiJudge(new ChatClientChoiceLogProbs(client), "openai-compatible:judge", FakeConstitution.WithPrinciples(2), cache);

        var verdicts = await judge.CompareAsync([(Items[0].Prompt, Items[1].Response, Items[0].Response)], CancellationToken.None);

        var verdict = Assert.Single(verdicts);
        Assert.Equal(0.2, verdict.ProbabilityFirstBetter!.Value, 6);
        Assert.False(verdict.FirstIsChosen);
        Assert.Equal(2 * 3, server.RequestCount);
    }
}
