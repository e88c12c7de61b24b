using System.Net;
using Cai.Core.Constitutions;
using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Core.Stages;
using Cai.Critique;
using Cai.Pipeline.Generate;
using Cai.Preference;
using Cai.Revise;
using Cai.TestKit.Fakes;
using Microsoft.SemanticKernel;

namespace Cai.Pipeline.Tests.Runner;

/// <summary>One failure reads the same in every stage's failed file: the stages share <see cref="ErrorKinds.Of"/>.</summary>
public sealed class ErrorKindsAcrossStagesTests
{
    static readonly Constitution Constitution = FakeConstitution.WithPrinciples(3);

    sealed class ThrowingJudge(Exception exception) : IPairwiseJudge
    {
        public string Name => "fake:feedback";

        public Task<PairPreference> CompareAsync(
            IReadOnlyList<Message> conversation, string first, string second, Principle? principle, CancellationToken cancellationToken) =>
            throw exception;
    }

    public static TheoryData<string, string> Failures => new()
    {
        { "http-429", "rate_limited" },
        { "sk-429", "rate_limited" },
        { "http-503", "http_503" },
        { "connection-refused", "http_error" },
        { "timeout", "timeout" },
        { "garbled", "invalid_output" },
        { "other", "model_error" },
    };

    static Exception Make(string name) => name switch
    {
        "http-429" => new HttpRequestException("slow down", null, HttpStatusCode.TooManyRequests),
        "sk-429" => new HttpOperationException(HttpStatusCode.TooManyRequests, "{}", "slow down", null),
        "http-503" => new HttpRequestException("unavailable", null, HttpStatusCode.ServiceUnavailable),
        "connection-refused" => new HttpRequestException("connection refused"),
        "timeout" => new TimeoutException("slow"),
        "garbled" => new InvalidDataException("no (A)/(B)"),
        _ => new InvalidOperationException("surprise"),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task SameException_SameErrorKind_InGenerateCritiqueReviseAndPrefs(string failure, string expected)
    {
        var client = new FakeChatClient((_, _) => throw Make(failure));
        var sample = FakeConstitution.Sample("q#0", "Tell a story.", "Once.");

        var generate = await GenerateFailureAsync(client);
        var critique = await new CritiqueStage(new ModelCritic(client, "fake:critic", Constitution), new PrincipleSampler(Constitution, 5).Next,
            Constitution, new CritiqueStageOptions { RunSeed = 5 }).ProcessAsync(sample, CancellationToken.None);
        var revise = await new RevisionChain(new FakeCritic(), client, "fake:reviser", new PrincipleSampler(Constitution, 9).Next, Constitution,
            new ReviseOptions { Rounds = 1, RunSeed = 9 }).ProcessAsync(sample, CancellationToken.None);
        var group = SampleGroup.From([sample, FakeConstitution.Sample("q#1", "Tell a story.", "Twice.", 1)])[0];
        var prefs = await new PairStage<SampleGroup>(new FeedbackPairBuilder(new ThrowingJudge(Make(failure)), Constitution, 1), new PairFilter())
            .ProcessAsync(group, CancellationToken.None);

        Assert.Equal(
            [expected, expected, expected, expected],
            [generate.ErrorKind, critique.Failure!.ErrorKind, revise.Failure!.ErrorKind, prefs.Failure!.ErrorKind]);
    }

    // Generate lets the exception out and its runner step records it with StageResult.Failed, as below.
    static async Task<FailureRecord> GenerateFailureAsync(FakeChatClient client)
    {
        var stage = new GenerateStage(client, "fake:policy", new GenerateOptions { SamplesPerPrompt = 1 });
        var error = await Assert.ThrowsAnyAsync<Exception>(() => stage.ProcessAsync(PromptRecord.FromText("Tell a story.", "p1"), CancellationToken.None));
        return StageResult<SampleRecord>.Failed("p1", stage.Name, error).Failure!;
    }
}
