using Cai.Pipeline.Providers;
using Cai.Pipeline.Resilience;
using Cai.TestKit.FaultServer;
using Microsoft.Extensions.AI;

namespace Cai.Pipeline.Tests.Providers;

/// <summary>The factory's Semantic Kernel connector over real HTTP, inside the same resilience pipeline.</summary>
public class SemanticKernelConnectorTests
{
    private const string Key = "sk-semantic-kernel-test-key";

    private static IChatClient Create(FaultServer server) =>
        new ChatClientFactory(name => name == "OPENAI_API_KEY" ? Key : null).Create(
            $"openai-compatible:fault-model@{server.BaseUrl}",
            new ModelOptions
            {
                Connector = ChatConnector.SemanticKernel,
                ApiKeyEnvironmentVariable = "OPENAI_API_KEY",
                Resilience = new ResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(5) },
            });

    [Fact]
    public async Task Create_SemanticKernelConnector_AnswersAndRetriesAfterARateLimit()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions
        {
            Script = r => r.Attempt == 1 ? FaultKind.RateLimited : FaultKind.None,
            RetryAfterMilliseconds = 200,
        });
        using var client = Create(server);

        var response = await client.GetResponseAsync("through semantic kernel");

        Assert.Equal("echo: through semantic kernel", response.Text);
        Assert.Equal(2, server.RequestsFor("through semantic kernel").Count);
        Assert.Equal($"Bearer {Key}", server.LastAuthorization);
    }

    [Fact]
    public async Task GetResponseWithLogProbabilities_SemanticKernelConnector_ThrowsNotSupported()
    {
        await using var server = await FaultServer.StartAsync();
        using var client = Create(server);

        await Assert.ThrowsAsync<LogProbabilitiesNotSupportedException>(
            () => client.GetResponseWithLogProbabilitiesAsync([new ChatMessage(ChatRole.User, "p q")]));
    }

    [Fact]
    public async Task GetResponse_TopKThroughSemanticKernel_FailsNamingTheConnector_AndSendsNothing()
    {
        await using var server = await FaultServer.StartAsync();
        using var client = Create(server);

        var e = await Assert.ThrowsAsync<NotSupportedException>(
            () => client.GetResponseAsync("top k", new ChatOptions { TopK = 40 }));

        Assert.Contains("connector: openai", e.Message);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public void Create_TopKSettingWithSemanticKernel_IsRefusedAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => new ChatClientFactory(_ => Key).Create(
            "openai-compatible:fault-model@http://127.0.0.1:9/v1",
            new ModelOptions { Connector = ChatConnector.SemanticKernel, ApiKeyEnvironmentVariable = "K", TopK = 40 }));

        Assert.StartsWith("openai-compatible:fault-model", e.Message);
        Assert.Contains("top_k cannot be sent through the semantic-kernel connector", e.Message);
    }
}
