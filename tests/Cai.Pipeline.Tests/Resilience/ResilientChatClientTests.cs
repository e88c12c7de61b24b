using System.ClientModel;
using Cai.Pipeline.Providers;
using Cai.Pipeline.Resilience;
using Cai.TestKit.FaultServer;
using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;

namespace Cai.Pipeline.Tests.Resilience;

/// <summary>The real factory and pipeline against the fault server over HTTP on 127.0.0.1.</summary>
public class ResilientChatClientTests
{
    private const string Key = "sk-resilience-SECRET-4242";

    // Short waits so the class runs in seconds; the breaker stays out of the way unless a test wants it. The attempt
    // timeout is generous enough for a busy 2-core CI machine, and still short of the fault server's slow replies.
    private static ModelOptions FastOptions(int maxConcurrency = 16, int attemptTimeoutMs = 1000) => new()
    {
        MaxConcurrency = maxConcurrency,
        Timeout = TimeSpan.FromMilliseconds(attemptTimeoutMs),
        Resilience = new ResilienceOptions
        {
            MaxRetryAttempts = 10,
            BaseDelay = TimeSpan.FromMilliseconds(5),
            MaxDelay = TimeSpan.FromMilliseconds(40),
            BreakerFailureRatio = 1.0,
            BreakerMinimumThroughput = 1000,
        },
    };

    private static IChatClient Client(FaultServer server, ModelOptions options, CapturingLoggerProvider? logs = null) =>
        new ChatClientFactory(name => name == "OPENAI_API_KEY" ? Key : null, logs)
            .Create($"openai-compatible:fault-model@{server.BaseUrl}", options with { ApiKeyEnvironmentVariable = "OPENAI_API_KEY" });

    [Fact]
    public async Task GetResponse_ThirtyPercentFaultsAtConcurrency16_AllTwoHundredSucceed()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions
        {
            Seed = 7,
            Rates = new Dictionary<FaultKind, double>
            {
                [FaultKind.RateLimited] = 0.08,
                [FaultKind.ServerError] = 0.08,
                [FaultKind.Slow] = 0.06,
                [FaultKind.DropConnection] = 0.04,
                [FaultKind.MalformedJson] = 0.04,
            },
            RetryAfterMilliseconds = 20,
            SlowDelay = TimeSpan.FromSeconds(4),
        });
        using var client = Client(server, FastOptions());
        var answers = new string[200];

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) => answers[i] = (await client.GetResponseAsync($"prompt {i}", cancellationToken: ct)).Text);

        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal($"echo: prompt {i}", answers[i]));
        Assert.True(server.RequestCount > 200, $"faults were injected, so retries happened ({server.RequestCount} requests)");
    }

    [Theory]
    [InlineData(FaultKind.RateLimited, null, 1000)]
    [InlineData(FaultKind.RateLimited, 600, 600)]
    [InlineData(FaultKind.ServiceUnavailable, null, 1000)]
    public async Task GetResponse_RetryAfterHeader_WaitsAtLeastThatLong(FaultKind fault, int? retryAfterMs, int expectedMs)
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions
        {
            Script = r => r.Attempt == 1 ? fault : FaultKind.None,
            RetryAfterSeconds = 1,
            RetryAfterMilliseconds = retryAfterMs,
        });
        // A long attempt timeout: a timed-out first attempt would be retried on backoff and hide the header.
        using var client = Client(server, FastOptions(attemptTimeoutMs: 10_000));

        var response = await client.GetResponseAsync("wait for me");

        Assert.Equal("echo: wait for me", response.Text);
        var attempts = server.RequestsFor("wait for me");
        Assert.Equal(2, attempts.Count);
        var waited = attempts[1].ReceivedAt - attempts[0].ReceivedAt;
        // Backoff alone would be ~5 ms; a small tolerance covers clock granularity.
        Assert.True(waited >= TimeSpan.FromMilliseconds(expectedMs - 30), $"retried after {waited.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task GetResponse_BadRequest_IsNotRetried()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Script = _ => FaultKind.BadRequest });
        using var client = Client(server, FastOptions());

        var e = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync("bad"));

        Assert.Equal(400, e.Status);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task GetResponse_AllRequestsFail_BreakerOpensAndFailsFast()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Script = _ => FaultKind.ServerError });
        var options = FastOptions() with
        {
            Resilience = FastOptions().Resilience with
            {
                BreakerFailureRatio = 0.5,
                BreakerMinimumThroughput = 4,
                BreakerSamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(30),
            },
        };
        using var client = Client(server, options);

        var first = await Assert.ThrowsAsync<ModelUnavailableException>(() => client.GetResponseAsync("one"));
        var countWhenOpened = server.RequestCount;
        var second = await Assert.ThrowsAsync<ModelUnavailableException>(() => client.GetResponseAsync("two"));

        Assert.IsAssignableFrom<BrokenCircuitException>(first);
        Assert.Contains("openai-compatible:fault-model@", first.Message);
        Assert.Contains("circuit breaker is open", first.Message);
        Assert.Equal(4, countWhenOpened);
        Assert.Equal(countWhenOpened, server.RequestCount);
        Assert.Empty(server.RequestsFor("two"));
    }

    [Fact]
    public async Task GetResponse_ManyCallers_NeverExceedsConcurrencyLimit()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { ResponseDelay = TimeSpan.FromMilliseconds(30) });
        using var client = Client(server, FastOptions(maxConcurrency: 3));

        await Parallel.ForEachAsync(Enumerable.Range(0, 48), new ParallelOptions { MaxDegreeOfParallelism = 24 },
            async (i, ct) => await client.GetResponseAsync($"c {i}", cancellationToken: ct));

        Assert.Equal(48, server.RequestCount);
        Assert.InRange(server.MaxInFlight, 2, 3);
    }

    [Fact]
    public async Task GetResponse_FaultsAndFailures_NeverLogOrThrowTheApiKey()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions
        {
            Script = r => r.RequestId switch
            {
                "bad" => FaultKind.BadRequest,
                "down" => FaultKind.ServerError,
                _ => r.Attempt switch { 1 => FaultKind.RateLimited, 2 => FaultKind.DropConnection, 3 => FaultKind.MalformedJson, _ => null },
            },
            RetryAfterMilliseconds = 10,
        });
        var logs = new CapturingLoggerProvider();
        var options = FastOptions() with
        {
            Resilience = FastOptions().Resilience with { BreakerFailureRatio = 0.5, BreakerMinimumThroughput = 6 },
        };
        using var client = Client(server, options, logs);
        var errors = new List<Exception>();

        await client.GetResponseAsync("fine");
        foreach (var prompt in new[] { "bad", "down", "down" })
            errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync(prompt)));
        errors.Add(Assert.Throws<MissingApiKeyException>(() => new ChatClientFactory(_ => null).Create("openai:gpt-4o")));

        Assert.Contains(logs.Lines, l => l.Contains("retrying") && l.Contains("openai-compatible:fault-model@"));
        Assert.Contains(logs.Lines, l => l.Contains("circuit opened"));
        Assert.All(logs.Lines, l => Assert.DoesNotContain(Key, l));
        Assert.All(errors, e => Assert.DoesNotContain(Key, e.ToString()));
    }
}
