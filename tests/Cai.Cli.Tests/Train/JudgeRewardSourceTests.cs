using System.Globalization;
using Cai.Cli;
using Cai.Cli.Commands;
using Cai.Cli.Composition;
using Cai.Core.Records;
using Cai.TestKit;
using Cai.TestKit.FaultServer;
using Cai.Train.Online.Rewards;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cai.Cli.Tests.Train;

/// <summary>
/// The AI judge as Train's reward source, over real HTTP: the test kit's fault server is the feedback model, its first
/// answer token a distribution over ratings (7..9 for a response that mentions "kind", 2..4 otherwise); every question
/// is refused with 429 and then 503 before it is answered.
/// </summary>
public sealed class JudgeRewardSourceTests
{
    static IReadOnlyDictionary<string, double> FirstToken(string prompt)
    {
        var response = prompt.Split("Assistant: ")[^1].Split('\n')[0];
        var top = response.Contains("kind", StringComparison.Ordinal) ? 9 : 4;
        return new Dictionary<string, double>
        {
            [top.ToString(CultureInfo.InvariantCulture)] = Math.Log(0.5),
            [(top - 1).ToString(CultureInfo.InvariantCulture)] = Math.Log(0.3),
            [(top - 2).ToString(CultureInfo.InvariantCulture)] = Math.Log(0.2),
        };
    }

    static FaultServerOptions ServerOptions(Func<FaultRequest, FaultKind?>? script = null) => FaultServerOptions.Judge(FirstToken, script);

    static RewardQuery Query(string prompt, string response) =>
        new("p", [new Message(ChatRole.User, prompt)], response, [1], [2]);

    static readonly RewardQuery[] Batch =
    [
        Query("Tell me a story about a fox.", "The fox shared her berries with a kind rabbit."),
        Query("Tell me a story about a fox.", "The fox bit the rabbit."),
    ];

    static async Task<IReadOnlyList<double>> ScoreAsync(FaultServer server, string cacheDir, string constitution)
    {
        var setup = new JudgeSetup(CliChatClients.CreateFactory(NullLoggerFactory.Instance), constitution, cacheDir, NullLoggerFactory.Instance);
        var reward = RewardSpec.Parse([$"2*judge:openai-compatible:judge@{server.BaseUrl}"], 4, setup);
        try
        {
            return await reward.ScoreAsync(Batch);
        }
        finally
        {
            foreach (var owned in setup.Owned)
                await owned.DisposeAsync();
        }
    }

    static string Constitution(string dir) => SharedData.Repo("constitutions", "kind-stories.yaml");

    [Fact]
    public async Task Judge_ServerWithFaults_ScoresTheExpectedRatingAndResumesFromTheCache()
    {
        var dir = TrainTestFiles.TempDir();
        var constitution = Constitution(dir);
        await using var server = await FaultServer.StartAsync(ServerOptions());

        var first = await ScoreAsync(server, Path.Combine(dir, "judge"), constitution);

        Assert.Equal(3 * Batch.Length, server.RequestCount); // each question refused twice, answered on the third attempt
        Assert.Equal(2 * (0.5 * 9 + 0.3 * 8 + 0.2 * 7), first[0], 6); // weight 2 x the expected rating
        Assert.Equal(2 * (0.5 * 4 + 0.3 * 3 + 0.2 * 2), first[1], 6);
        // A resumed run (new judge, same cache folder, same judge spec) asks nothing.
        Assert.Equal(first, await ScoreAsync(server, Path.Combine(dir, "judge"), constitution));
        Assert.Equal(3 * Batch.Length, server.RequestCount);
    }

    [Fact]
    public async Task Judge_RejectedRequest_FailsTheBatchAndRecordsItInsteadOfScoringZero()
    {
        var dir = TrainTestFiles.TempDir();
        await using var server = await FaultServer.StartAsync(ServerOptions(r => r.RequestId.Contains("fox bit", StringComparison.Ordinal) ? FaultKind.BadRequest : FaultKind.None));

        var error = await Assert.ThrowsAsync<JudgeFailedException>(() => ScoreAsync(server, Path.Combine(dir, "judge"), Constitution(dir)));

        Assert.Contains("failed on 1 of 2 responses", error.Message);
        Assert.Contains("http_400", error.Message);
        Assert.True(File.Exists(Path.Combine(dir, "judge", "judge.failed.jsonl")));
    }

    [Fact]
    public async Task TrainGrpo_JudgeReward_TrainsAgainstTheServer()
    {
        var dir = TrainTestFiles.TempDir();
        var prompts = Path.Combine(dir, "prompts.jsonl");
        File.WriteAllLines(prompts, Enumerable.Range(0, 4).Select(i => $$"""{"id":"p{{i}}","prompt":"Tell a story about day {{i}}."}"""));
        await using var server = await FaultServer.StartAsync(ServerOptions(_ => FaultKind.None));
        var (output, error) = (new StringWriter(), new StringWriter());

        var code = await CaiApp.RunAsync(["train", "grpo", "--model", SharedData.Require("models", "stories260K", "stories260K.bin"),
            "--reward", $"judge:openai-compatible:judge@{server.BaseUrl}", "--constitution", Constitution(dir), "--prompts", prompts,
            "--out", Path.Combine(dir, "out"), "--max-steps", "1", "--batch-size", "4", "--num-generations", "2", "--max-completion-length", "6"],
            output, error);

        Assert.True(code == 0, error.ToString());
        Assert.Equal(4, server.RequestCount);
        var completions = File.ReadAllLines(Path.Combine(dir, "out", "completions.jsonl"));
        Assert.Equal(4, completions.Length);
        Assert.All(completions, c => Assert.Contains("\"score\":", c));
        Assert.True(File.Exists(Path.Combine(dir, "out", "judge", "judge.jsonl")));
    }

    [Fact]
    public async Task TrainRloo_JudgeWithoutConstitution_IsOneLineError()
    {
        var dir = TrainTestFiles.TempDir();
        var (output, error) = (new StringWriter(), new StringWriter());

        var code = await CaiApp.RunAsync(["train", "rloo", "--model", SharedData.Require("models", "stories260K", "stories260K.bin"),
            "--reward", "judge:openai:gpt-4o-mini", "--prompts", Path.Combine(dir, "none.jsonl"), "--out", Path.Combine(dir, "out")], output, error);

        Assert.NotEqual(0, code);
        Assert.Contains("give --constitution <yaml>", error.ToString());
        Assert.Single(error.ToString().Trim().Split('\n'));
    }
}
