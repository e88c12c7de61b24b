using Cai.Cli;
using Cai.Cli.Commands;
using Cai.Cli.Composition;
using Cai.Cli.Tests.Model;
using Cai.Core.Records;
using Cai.TestKit;
using Cai.TestKit.FaultServer;
using Cai.Train.Online.Rewards;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cai.Cli.Tests.Train;

/// <summary>
/// The pairwise AI judge behind online DPO's reward seam, over real HTTP: the test kit's fault server is the feedback
/// model, its first answer token a distribution over the option letters (0.8 on the option that mentions "kind", 0.2 on
/// the other); every question is refused with 429 and then 503 before it is answered.
/// </summary>
public sealed class JudgeRewardSourcePairwiseTests
{
    static IReadOnlyDictionary<string, double> FirstToken(string prompt)
    {
        var aIsKind = prompt.Split("(A) ")[^1].Split('\n')[0].Contains("kind", StringComparison.Ordinal);
        return new Dictionary<string, double> { [" A"] = Math.Log(aIsKind ? 0.8 : 0.2), ["(B"] = Math.Log(aIsKind ? 0.2 : 0.8), ["The"] = -6 };
    }

    static FaultServerOptions ServerOptions(Func<FaultRequest, FaultKind?>? script = null) => FaultServerOptions.Judge(FirstToken, script);

    static RewardQuery Query(string id, string prompt, string response) => new(id, [new Message(ChatRole.User, prompt)], response, [1], [2]);

    // Online DPO's half-major rows: the first completions of p0 and p1, then their second completions.
    static readonly RewardQuery[] Batch =
    [
        Query("p0", "Tell me a story about a fox.", "The fox shared her berries with a kind rabbit."),
        Query("p1", "Tell me a story about a bear.", "The bear took the honey."),
        Query("p0", "Tell me a story about a fox.", "The fox bit the rabbit."),
        Query("p1", "Tell me a story about a bear.", "The bear gave a kind owl some honey."),
    ];

    static string Constitution => SharedData.Repo("constitutions", "kind-stories.yaml");

    static async Task<IReadOnlyList<double>> ScoreAsync(FaultServer server, string cacheDir, IReadOnlyList<RewardQuery>? batch = null)
    {
        var setup = new JudgeSetup(CliChatClients.CreateFactory(NullLoggerFactory.Instance), Constitution, cacheDir, NullLoggerFactory.Instance);
        var reward = RewardSpec.Parse([$"pairwise-judge:openai-compatible:judge@{server.BaseUrl}"], 4, setup, pairwise: true);
        try
        {
            return await reward.ScoreAsync(batch ?? Batch);
        }
        finally
        {
            foreach (var owned in setup.Owned)
                await owned.DisposeAsync();
        }
    }

    [Fact]
    public async Task ScoreAsync_ServerWithFaults_ScoresEachPairFromBothOrdersAndResumesFromTheCache()
    {
        var dir = TrainTestFiles.TempDir();
        await using var server = await FaultServer.StartAsync(ServerOptions());

        var first = await ScoreAsync(server, Path.Combine(dir, "judge"));

        // 2 pairs x 2 orders, each question refused twice and answered on the third attempt.
        Assert.Equal(2 * 2 * 3, server.RequestCount);
        // P(first better) averages (A) = first, 0.8, and (B) = first, 1 - 0.2: 0.8 for p0 (its first is kind), 0.2 for p1.
        Assert.Equal([0.8, 0.2, 0.2, 0.8], first.Select(s => Math.Round(s, 6)));
        // A resumed run (new judge, same cache folder) asks nothing.
        Assert.Equal(first, await ScoreAsync(server, Path.Combine(dir, "judge")));
        Assert.Equal(2 * 2 * 3, server.RequestCount);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(dir, "judge", "judge.jsonl")).Count(l => l.Contains("\"comparison\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ScoreAsync_RejectedComparison_FailsTheBatchAndRecordsItInsteadOfScoring()
    {
        var dir = TrainTestFiles.TempDir();
        await using var server = await FaultServer.StartAsync(ServerOptions(r => r.RequestId.Contains("bear took", StringComparison.Ordinal) ? FaultKind.BadRequest : FaultKind.None));

        var error = await Assert.ThrowsAsync<JudgeFailedException>(() => ScoreAsync(server, Path.Combine(dir, "judge")));

        Assert.Contains("failed on 1 of 2 pairs", error.Message);
        Assert.Contains("http_400", error.Message);
        Assert.Single(File.ReadAllLines(Path.Combine(dir, "judge", "judge.failed.jsonl")));
    }

    [Fact]
    public async Task ScoreAsync_RowsNotInOnlineDposOrder_IsAProgrammerError()
    {
        await using var server = await FaultServer.StartAsync(ServerOptions(_ => FaultKind.None));

        await Assert.ThrowsAsync<InvalidOperationException>(() => ScoreAsync(server, Path.Combine(TrainTestFiles.TempDir(), "judge"), [Batch[0], Batch[2], Batch[1], Batch[3]]));
    }

    [Theory]
    [InlineData(false, new[] { "pairwise-judge:openai:gpt-4o-mini" }, "a pairwise judge picks chosen and rejected for online-dpo")]
    [InlineData(true, new[] { "pairwise-judge:openai:gpt-4o-mini", "word-count:kind" }, "is not summed or weighted")]
    [InlineData(true, new[] { "2*pairwise-judge:openai:gpt-4o-mini" }, "is not summed or weighted")]
    [InlineData(true, new[] { "pairwise-judge:" }, "pairwise-judge needs a model spec")]
    public void Parse_PairwiseJudgeMisused_IsAUserError(bool pairwise, string[] specs, string expected)
    {
        var setup = new JudgeSetup(CliChatClients.CreateFactory(NullLoggerFactory.Instance), Constitution, TrainTestFiles.TempDir(), NullLoggerFactory.Instance);

        var error = Assert.Throws<CliException>(() => RewardSpec.Parse(specs, 4, setup, pairwise));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task TrainOnlineDpo_PairwiseJudge_TrainsAgainstTheServerAndARerunAsksNothingAgain()
    {
        var dir = TrainTestFiles.TempDir();
        await using var server = await FaultServer.StartAsync(ServerOptions(r => r.Attempt == 1 ? FaultKind.ServiceUnavailable : FaultKind.None));
        string[] args = ["train", "online-dpo", "--model", SharedData.Require("models", "stories260K", "stories260K.bin"),
            "--reward", $"pairwise-judge:openai-compatible:judge@{server.BaseUrl}", "--constitution", Constitution,
            "--prompts", TrainTestFiles.PromptFile(dir), "--out", Path.Combine(dir, "out"), "--batch-size", "2", "--max-new-tokens", "6",
            "--logging-steps", "1", "--save-steps", "1", "--seed", "5"];

        var (code, output, error) = await CliRun.InProcessAsync([.. args, "--max-steps", "1"]);

        Assert.True(code == 0, error);
        Assert.Contains("trained to update 1", output);
        // 2 prompts per update, each pair asked in both orders, each question refused once (503) and then answered.
        Assert.Equal(2 * 2 * 2, server.RequestCount);
        var judged = File.ReadAllLines(Path.Combine(dir, "out", "judge", "judge.jsonl"));
        Assert.Equal(2, judged.Length);
        Assert.All(judged, l => Assert.Contains("\"kind\":\"comparison\"", l.Replace(" ", "")));
        // The completions log pairs each first completion's P(first better) with the second's 1 - P.
        var scores = File.ReadAllLines(Path.Combine(dir, "out", "completions.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("score").GetDouble()).ToArray();
        Assert.Equal(4, scores.Length);
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));

        // Rerun with --resume: no checkpoint before the last update, so the update runs again with the same seeds, and
        // every comparison comes from the cache.
        var resumed = await CliRun.InProcessAsync([.. args, "--max-steps", "1", "--resume"]);

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(2 * 2 * 2, server.RequestCount);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(dir, "out", "judge", "judge.jsonl")).Length);
    }
}
