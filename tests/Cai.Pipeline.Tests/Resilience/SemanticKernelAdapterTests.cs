using System.ClientModel;
using System.ClientModel.Primitives;
using Cai.Pipeline.Providers;
using Cai.Pipeline.Resilience;
using Cai.TestKit.FaultServer;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

namespace Cai.Pipeline.Tests.Resilience;

/// <summary>
/// Semantic Kernel's connector throws HttpOperationException around the SDK's ClientResultException; the pipeline
/// must classify it and read Retry-After through it just the same.
/// </summary>
public class SemanticKernelAdapterTests
{
    private static IChatClient Client(FaultServer server)
    {
        var openAI = new OpenAIClient(new ApiKeyCredential("k"),
            new OpenAIClientOptions { Endpoint = server.BaseUrl, RetryPolicy = new ClientRetryPolicy(0) });
        var options = new ModelOptions { Resilience = new ResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(5) } };
        return new ResilientChatClient(new OpenAIChatCompletionService("m", openAI).AsChatClient(), "sk-adapter",
            options, NullLogger<ResilientChatClient>.Instance);
    }

    [Fact]
    public async Task GetResponse_RateLimitedThroughSemanticKernel_HonoursRetryAfterMs()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions
        {
            Script = r => r.Attempt == 1 ? FaultKind.RateLimited : FaultKind.None,
            RetryAfterMilliseconds = 300,
        });
        using var client = Client(server);

        var response = await client.GetResponseAsync("sk");

        Assert.Equal("echo: sk", response.Text);
        var attempts = server.RequestsFor("sk");
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromMilliseconds(270));
    }

    [Fact]
    public async Task GetResponse_BadRequestThroughSemanticKernel_IsNotRetried()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Script = _ => FaultKind.BadRequest });
        using var client = Client(server);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.GetResponseAsync("sk bad"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal(1, server.RequestCount);
    }
}
