using System.ClientModel;
using Cai.Cli.Composition;
using Cai.Cli.Tests.Model;
using Cai.Pipeline.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using OpenAI.Chat;

namespace Cai.Cli.Tests.Serve;

/// <summary>Real OpenAI clients against <c>cai serve</c>: Semantic Kernel's connector and the project's ChatClientFactory.</summary>
[Collection(TorchCliCollection.Name)]
public sealed class OpenAIClientsTests(ServeFixture server) : IClassFixture<ServeFixture>
{
    [Fact]
    public async Task SemanticKernelConnector_WithLogprobs_GetsTextAndTokenLogProbabilities()
    {
        var service = new OpenAIChatCompletionService("stories",
            new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = server.V1 }));
        var history = new ChatHistory();
        history.AddUserMessage("Tell me a story.");
        var settings = new OpenAIPromptExecutionSettings { Temperature = 0, MaxTokens = 12, Logprobs = true, TopLogprobs = 3 };

        var reply = await service.GetChatMessageContentAsync(history, settings);

        var direct = await server.Client.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, "Tell me a story.")],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 12 });
        Assert.Equal(direct.Text, reply.Content);
        var logprobs = Assert.IsAssignableFrom<IReadOnlyList<ChatTokenLogProbabilityDetails>>(reply.Metadata!["ContentTokenLogProbabilities"]);
        Assert.Equal(12, logprobs.Count);
        Assert.All(logprobs, t => Assert.Equal(3, t.TopLogProbabilities.Count));
        Assert.All(logprobs, t => Assert.InRange(t.LogProbability, -50, 0));
    }

    [Fact]
    public async Task SameCallingCode_LocalSpecAndOpenAICompatibleSpec_GiveIdenticalResults()
    {
        var factory = CliChatClients.CreateFactory(NullLoggerFactory.Instance, _ => null);
        using var local = CliChatClients.Create(factory, $"local:{CliRun.Stories260K}");
        using var remote = CliChatClients.Create(factory, $"openai-compatible:stories@{server.V1}");

        var fromLocal = await AskAsync(local);
        var fromServer = await AskAsync(remote);

        Assert.Equal(fromLocal.Response.Text, fromServer.Response.Text);
        Assert.NotEqual("", fromLocal.Response.Text);
        Assert.Equal(fromLocal.Tokens.Select(t => t.Token), fromServer.Tokens.Select(t => t.Token));
        for (var i = 0; i < fromLocal.Tokens.Count; i++)
            Assert.Equal(fromLocal.Tokens[i].LogProbability, fromServer.Tokens[i].LogProbability, 1e-5);
    }

    [Fact]
    public async Task StreamingThroughOpenAIClient_GivesTheTextOfTheNonStreamedAnswer()
    {
        var factory = CliChatClients.CreateFactory(NullLoggerFactory.Instance, _ => null);
        using var remote = CliChatClients.Create(factory, $"openai-compatible:stories@{server.V1}");
        Microsoft.Extensions.AI.ChatMessage[] ask = [new(ChatRole.User, "A story about a dog, please.")];
        var options = new ChatOptions { Temperature = 0.8f, Seed = 5, MaxOutputTokens = 20 };

        var whole = await remote.GetResponseAsync(ask, options);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in remote.GetStreamingResponseAsync(ask, options))
            updates.Add(update);

        Assert.Equal(whole.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count(u => u.Text.Length > 0) > 1, "the answer should arrive token by token");
        Assert.Contains(updates, u => u.FinishReason == Microsoft.Extensions.AI.ChatFinishReason.Length);
    }

    // The calling code both specs share.
    static Task<LogProbabilityResponse> AskAsync(IChatClient client) =>
        client.GetResponseWithLogProbabilitiesAsync(
            [new Microsoft.Extensions.AI.ChatMessage(ChatRole.System, "You tell stories."), new(ChatRole.User, "A story about a cat, please.")],
            topCount: 2, new ChatOptions { Temperature = 0, MaxOutputTokens = 16, StopSequences = ["!"] });
}
