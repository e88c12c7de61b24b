using Cai.Models;
using Cai.Pipeline.Local;
using Cai.Pipeline.Providers;
using Cai.TestKit;
using Microsoft.Extensions.AI;

namespace Cai.Pipeline.Tests.Local;

[Collection(LocalModelCollection.Name)]
public sealed class LocalChatClientTests(LocalModelFixture fixture)
{
    static readonly ChatMessage[] FromBos = [new(ChatRole.User, "")];

    LocalChatClient Raw() => new(fixture.Model, new LocalChatClientOptions { ChatFormat = new RawPromptFormat() });

    [Fact]
    public async Task GetResponseAsync_TemperatureZeroFromBos_StartsWithGoldenStory()
    {
        using var client = Raw();

        var response = await client.GetResponseAsync(FromBos, new ChatOptions { Temperature = 0, MaxOutputTokens = 24 });

        Assert.StartsWith("Once upon a time, there was a little girl named Lily.", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(1, response.Usage!.InputTokenCount);
        Assert.Equal(24, response.Usage.OutputTokenCount);
        Assert.Equal("stories260K", response.ModelId);
    }

    [Fact]
    public async Task GetResponseAsync_SameSeed_SameText_OtherSeed_DifferentText()
    {
        using var client = Raw();
        ChatOptions Seeded(long seed) => new() { Temperature = 1, MaxOutputTokens = 32, Seed = seed };

        var a = await client.GetResponseAsync(FromBos, Seeded(7));
        var b = await client.GetResponseAsync(FromBos, Seeded(7));
        var c = await client.GetResponseAsync(FromBos, Seeded(8));

        Assert.Equal(a.Text, b.Text);
        Assert.NotEqual(a.Text, c.Text);
    }

    [Fact]
    public async Task GetResponseWithLogProbabilitiesAsync_ThroughFactory_MatchesTextScorer()
    {
        var factory = new ChatClientFactory(_ => null) { LocalClient = (_, _) => Raw() };
        using var client = factory.Create("local:stories260K");

        var result = await client.GetResponseWithLogProbabilitiesAsync(FromBos, topCount: 5,
            new ChatOptions { Temperature = 0, MaxOutputTokens = 12 });

        Assert.Equal(12, result.Tokens.Count);
        Assert.Equal(result.Response.Text, string.Concat(result.Tokens.Select(t => t.Token)).TrimStart());
        var expectedFirst = fixture.Model.NextTokenLogProbs("", 5);
        Assert.Equal(expectedFirst.Select(t => t.Token), result.Tokens[0].TopAlternatives.Select(a => a.Token));
        for (var i = 0; i < 5; i++)
            Assert.Equal(expectedFirst[i].LogProb, result.Tokens[0].TopAlternatives[i].LogProbability, 1e-4);
        var score = fixture.Model.Score("", result.Response.Text);
        Assert.Equal(score.LogProb, result.Tokens.Sum(t => t.LogProbability), 1e-3);
        Assert.All(result.Tokens, t => Assert.Equal(t.TopAlternatives[0].LogProbability, t.LogProbability, 1e-5)); // greedy
    }

    [Fact]
    public async Task GetResponseAsync_PlainFormat_StopsBeforeNextUserTurn()
    {
        using var client = new LocalChatClient(fixture.Model);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Tell me a story.")],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 40, StopSequences = ["."] });

        Assert.Equal("plain", client.ChatFormat.Name);
        Assert.DoesNotContain(".", response.Text);
        Assert.DoesNotContain("\nUser:", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_NThree_ReturnsThreeChoices()
    {
        using var client = Raw();
        var options = new ChatOptions { Temperature = 1, MaxOutputTokens = 8, Seed = 3, AdditionalProperties = new() { ["n"] = 3 } };

        var response = await client.GetResponseAsync(FromBos, options);

        var completion = Assert.IsType<LocalChatCompletion>(response.RawRepresentation);
        Assert.Equal(3, completion.Choices.Count);
        Assert.Equal(3, response.Messages.Count);
        Assert.Equal(completion.Choices.Sum(c => c.Ids.Count), response.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_TooManyChoices_ThrowsNamingN()
    {
        using var client = Raw();
        var options = new ChatOptions { AdditionalProperties = new() { ["n"] = 99 } };

        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetResponseAsync(FromBos, options));

        Assert.Contains("n must be between 1 and 16", e.Message);
    }

    [Fact]
    public async Task GetResponseAsync_ToolRole_ThrowsNamingRole()
    {
        using var client = Raw();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.Tool, "x")]));

        Assert.Contains("role 'tool'", e.Message);
    }

    [Fact]
    public async Task GetResponseAsync_EightConcurrentCalls_AllCompleteLikeSequential()
    {
        using var client = Raw();
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 6 };
        var expected = (await client.GetResponseAsync(FromBos, options)).Text;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetResponseAsync(FromBos, options)));

        Assert.All(results, r => Assert.Equal(expected, r.Text));
    }

    [Fact]
    public async Task GetResponseAsync_ConcurrentGreedyDifferentPrompts_EqualOneByOne()
    {
        using var client = new LocalChatClient(fixture.Model);
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 12 };
        string[] prompts = ["Hi", "Tell me about a dog.", "What is the sun?", "Sing"];
        var alone = new List<string>();
        foreach (var p in prompts)
            alone.Add((await client.GetResponseAsync([new ChatMessage(ChatRole.User, p)], options)).Text);

        var together = await Task.WhenAll(prompts.Select(p => client.GetResponseAsync([new ChatMessage(ChatRole.User, p)], options)));

        Assert.Equal(alone, together.Select(r => r.Text));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GetResponseAsync_ConcurrentSampledRequests_EachGetsItsSeedsTextBatchedOrNot(bool batchSampled)
    {
        using var client = new LocalChatClient(fixture.Model, new LocalChatClientOptions { BatchSampledRequests = batchSampled });
        ChatOptions Options(int i) => new() { Temperature = 1, MaxOutputTokens = 24, Seed = 100 + i };
        string[] prompts = ["Hi", "Tell me about a dog.", "What is the sun?", "Sing", "A story, please.", "Why?"];
        var alone = new List<string>();
        foreach (var (p, i) in prompts.Select((p, i) => (p, i)))
            alone.Add((await client.GetResponseAsync([new ChatMessage(ChatRole.User, p)], Options(i))).Text);
        var before = client.Batches;

        var together = await Task.WhenAll(prompts.Select((p, i) => client.GetResponseAsync([new ChatMessage(ChatRole.User, p)], Options(i))));

        Assert.Equal(alone, together.Select(r => r.Text));
        Assert.Equal(prompts.Length, alone.Distinct().Count());
        // Enqueueing takes microseconds and a generation milliseconds, so the five requests behind the first share a batch.
        var batches = client.Batches - before;
        if (batchSampled)
            Assert.InRange(batches, 1, prompts.Length - 1);
        else
            Assert.Equal(prompts.Length, batches);
    }

    [Fact]
    public async Task GetResponseAsync_TwoDecodeWorkers_EachRequestGetsItsSeedsTextAndBothWorkersDecode()
    {
        // Two batches decode side by side on two threads over one model; a request's text must not depend on which
        // of them decoded it, nor on what else it decoded with.
        ChatOptions Options(int i) => new() { Temperature = 1, MaxOutputTokens = 32, Seed = 200 + i };
        string[] prompts = ["Hi", "Tell me about a dog.", "What is the sun?", "Sing", "A story, please.", "Why?", "Once", "The cat"];
        var alone = new List<string>();
        using (var single = new LocalChatClient(fixture.Model))
            foreach (var (p, i) in prompts.Select((p, i) => (p, i)))
                alone.Add((await single.GetResponseAsync([new ChatMessage(ChatRole.User, p)], Options(i))).Text);
        using var client = new LocalChatClient(fixture.Model, new LocalChatClientOptions { MaxBatchSize = 3, DecodeWorkers = 2 });

        var together = await Task.WhenAll(prompts.Select((p, i) => client.GetResponseAsync([new ChatMessage(ChatRole.User, p)], Options(i))));

        Assert.Equal(alone, together.Select(r => r.Text));
        // Eight requests arriving together, at most three rows a batch: the second worker starts its own batch.
        Assert.InRange(client.Batches, 2, prompts.Length);
    }

    [Fact]
    public async Task GetResponseAsync_OverlongPromptQueuedWithOthers_FailsAloneWithoutCuttingThemShort()
    {
        using var client = new LocalChatClient(fixture.Model);
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 16 };
        var expected = (await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options)).Text;
        var overlong = string.Join(' ', Enumerable.Repeat("The little dog ran to the park.", 80)); // > 512 tokens

        var tasks = new[] { "Hi", overlong, "Hi" }.Select(p => client.GetResponseAsync([new ChatMessage(ChatRole.User, p)], options)).ToArray();
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => tasks[1]);

        Assert.Contains("512-token context", failure.Message);
        Assert.Equal(expected, (await tasks[0]).Text);
        Assert.Equal(expected, (await tasks[2]).Text);
    }

    [Fact]
    public async Task GetResponseAsync_CancelledWhileQueued_ThrowsCancelled()
    {
        using var client = Raw();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(FromBos, cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_YieldsWholeText()
    {
        using var client = Raw();
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 10 };

        var streamed = await client.GetStreamingResponseAsync(FromBos, options).ToChatResponseAsync();

        Assert.Equal((await client.GetResponseAsync(FromBos, options)).Text, streamed.Text);
    }
}

/// <summary>stories260K loaded once for the local chat client tests.</summary>
public sealed class LocalModelFixture : IDisposable
{
    public LocalModel Model { get; } = LocalModel.Load(SharedData.Require("models", "stories260K", "stories260K.bin"));

    public void Dispose() => Model.Dispose();
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalModelCollection : ICollectionFixture<LocalModelFixture>
{
    public const string Name = "local model";
}
