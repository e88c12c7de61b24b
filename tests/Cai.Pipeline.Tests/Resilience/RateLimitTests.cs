using Cai.Pipeline.Providers;
using Cai.Pipeline.Resilience;
using Cai.TestKit.FaultServer;
using Microsoft.Extensions.AI;

namespace Cai.Pipeline.Tests.Resilience;

/// <summary>
/// The per-minute budgets: a call past the budget waits for a refill (seconds away here), so the caller's
/// cancellation ends it before it reaches the server. Calls within budget get no deadline, so a slow machine
/// cannot fail them.
/// </summary>
public class RateLimitTests
{
    private static ModelOptions Options(int? rpm = null, int? tpm = null) => new()
    {
        RequestsPerMinute = rpm,
        TokensPerMinute = tpm,
        MaxTokens = 100,
    };

    private static async Task AssertStillWaiting(IChatClient client, string prompt)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.GetResponseAsync(prompt, cancellationToken: cts.Token));
    }

    private static IChatClient Client(FaultServer server, ModelOptions options) =>
        new ChatClientFactory(_ => null).Create($"openai-compatible:m@{server.BaseUrl}", options);

    [Fact]
    public async Task GetResponse_PastRequestsPerMinute_WaitsAndNeverReachesServer()
    {
        await using var server = await FaultServer.StartAsync();
        using var client = Client(server, Options(rpm: 3));

        for (var i = 0; i < 3; i++)
            await client.GetResponseAsync($"r {i}");
        await AssertStillWaiting(client, "r 3");

        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task GetResponse_PastTokensPerMinute_WaitsAndNeverReachesServer()
    {
        await using var server = await FaultServer.StartAsync();
        // Each call is estimated at 100 tokens (MaxTokens) plus a few for the prompt: two fit in 250, three do not.
        using var client = Client(server, Options(tpm: 250));

        await client.GetResponseAsync("t 0");
        await client.GetResponseAsync("t 1");
        await AssertStillWaiting(client, "t 2");

        Assert.Equal(2, server.RequestCount);
    }
}
