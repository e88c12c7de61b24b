using Cai.Pipeline.Providers;
using Cai.TestKit.FaultServer;
using Microsoft.Extensions.AI;

namespace Cai.Pipeline.Tests.Providers;

public class ChatClientFactoryTests
{
    private const string Key = "sk-factory-test-key";

    private static ChatClientFactory Factory(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return new ChatClientFactory(name => map.GetValueOrDefault(name))
        {
            LocalClient = (spec, _) => new FakeChatClient((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "local " + spec.Model))),
            RulesClient = _ => new FakeChatClient((_, o) => new ChatResponse(new ChatMessage(ChatRole.Assistant, $"rules t={o?.Temperature}"))),
        };
    }

    [Fact]
    public async Task Create_OpenAICompatibleWithApiKeyEnv_AnswersOverHttpWithBearerKey()
    {
        await using var server = await FaultServer.StartAsync();
        using var client = Factory(("VLLM_API_KEY", Key)).Create($"openai-compatible:fault-model@{server.BaseUrl}",
            new ModelOptions { ApiKeyEnvironmentVariable = "VLLM_API_KEY" });

        var response = await client.GetResponseAsync("hello there");

        Assert.Equal("echo: hello there", response.Text);
        Assert.Equal($"Bearer {Key}", server.LastAuthorization);
        Assert.Equal("/v1/chat/completions", server.LastPath);
    }

    [Fact]
    public async Task Create_Ollama_AppendsV1ToTheServerUrl()
    {
        await using var server = await FaultServer.StartAsync();
        var root = server.BaseUrl.GetLeftPart(UriPartial.Authority);
        using var client = Factory().Create($"ollama:llama3.1:8b@{root}");

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("echo: hi", response.Text);
        Assert.Equal("/v1/chat/completions", server.LastPath);
    }

    [Fact]
    public async Task Create_AzureOpenAI_UsesV1PathAndApiKeyHeader()
    {
        await using var server = await FaultServer.StartAsync();
        var factory = Factory(("AZURE_OPENAI_API_KEY", Key), ("AZURE_OPENAI_ENDPOINT", server.BaseUrl.GetLeftPart(UriPartial.Authority)));
        using var client = factory.Create("azure-openai:my-deployment");

        var response = await client.GetResponseAsync("hi azure");

        Assert.Equal("echo: hi azure", response.Text);
        Assert.Equal("/openai/v1/chat/completions", server.LastPath);
        Assert.Equal(Key, server.LastApiKey);
        Assert.Null(server.LastAuthorization);
    }

    [Fact]
    public async Task Create_WithSamplingDefaults_SendsThemAsTemperatureAndMaxCompletionTokens()
    {
        await using var server = await FaultServer.StartAsync();
        using var client = Factory().Create($"openai-compatible:fault-model@{server.BaseUrl}",
            new ModelOptions { Temperature = 0.25, MaxTokens = 64 });

        await client.GetResponseAsync("defaults");
        using var body = System.Text.Json.JsonDocument.Parse(server.LastBody!);

        Assert.Equal(0.25, body.RootElement.GetProperty("temperature").GetDouble(), 6);
        Assert.Equal(64, body.RootElement.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("fault-model", body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Create_WithTopPAndTopK_SendsBoth()
    {
        await using var server = await FaultServer.StartAsync();
        using var client = Factory().Create($"openai-compatible:fault-model@{server.BaseUrl}",
            new ModelOptions { TopP = 0.5, TopK = 40 });

        await client.GetResponseAsync("filters");
        using var body = System.Text.Json.JsonDocument.Parse(server.LastBody!);

        Assert.Equal(0.5, body.RootElement.GetProperty("top_p").GetDouble(), 6);
        Assert.True(body.RootElement.TryGetProperty("top_k", out var topK), server.LastBody);
        Assert.Equal(40, topK.GetInt32());
    }

    [Fact]
    public async Task GetResponse_CallsTopK_OutranksTheSettings_AndKeepsOtherRawOptions()
    {
        await using var server = await FaultServer.StartAsync();
        using var client = Factory().Create($"openai-compatible:fault-model@{server.BaseUrl}", new ModelOptions { TopK = 40 });

        await client.GetResponseWithLogProbabilitiesAsync([new ChatMessage(ChatRole.User, "per call")], 2, new ChatOptions { TopK = 3 });
        using var body = System.Text.Json.JsonDocument.Parse(server.LastBody!);

        Assert.Equal(3, body.RootElement.GetProperty("top_k").GetInt32());
        Assert.True(body.RootElement.GetProperty("logprobs").GetBoolean(), server.LastBody);
    }

    [Fact]
    public void Create_OpenAIWithoutKey_ThrowsNamingTheVariable()
    {
        var e = Assert.Throws<MissingApiKeyException>(() => Factory().Create("openai:gpt-4o-mini"));

        Assert.Equal("OPENAI_API_KEY", e.Variable);
    }

    [Fact]
    public async Task Create_LocalAndRules_UseTheDelegatesWithOptionDefaults()
    {
        var factory = Factory();

        var local = await factory.Create("local:/models/tiny").GetResponseAsync("x");
        var rules = await factory.Create("rules", new ModelOptions { Temperature = 0.5 }).GetResponseAsync("x");

        Assert.Equal("local /models/tiny", local.Text);
        Assert.Equal("rules t=0.5", rules.Text);
    }

    [Fact]
    public void Create_LocalWithoutDelegate_ThrowsNamingTheHook()
    {
        var factory = new ChatClientFactory(_ => null);

        var e = Assert.Throws<InvalidOperationException>(() => factory.Create("local:/m"));
        Assert.Contains("LocalClient", e.Message);
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsNamingTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(
            () => Factory().Create("rules", new ModelOptions { MaxConcurrency = 0 }));

        Assert.Equal("MaxConcurrency", e.ParamName);
    }

    [Fact]
    public async Task GetResponseWithLogProbabilities_OpenAICompatible_ReturnsPerTokenLogProbs()
    {
        await using var server = await FaultServer.StartAsync();
        using var client = Factory().Create($"openai-compatible:fault-model@{server.BaseUrl}");

        var result = await client.GetResponseWithLogProbabilitiesAsync([new ChatMessage(ChatRole.User, "a b c")], topCount: 3);

        Assert.Equal("echo: a b c", result.Response.Text);
        Assert.Equal(["echo:", " a", " b", " c"], result.Tokens.Select(t => t.Token));
        Assert.Equal(-0.1, result.Tokens[0].LogProbability, 6);
        Assert.Equal(-0.4, result.Tokens[3].LogProbability, 6);
        Assert.All(result.Tokens, t => Assert.Equal(3, t.TopAlternatives.Count));
        Assert.Equal(" b", result.Tokens[2].TopAlternatives[0].Token);
        Assert.Equal(-2.3, result.Tokens[2].TopAlternatives[2].LogProbability, 6);
    }

    [Fact]
    public async Task GetResponseWithLogProbabilities_ServerIgnoresThem_ThrowsNotSupported()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { SupportsLogProbabilities = false });
        using var client = Factory().Create($"openai-compatible:fault-model@{server.BaseUrl}");

        var e = await Assert.ThrowsAsync<LogProbabilitiesNotSupportedException>(
            () => client.GetResponseWithLogProbabilitiesAsync([new ChatMessage(ChatRole.User, "x y")]));
        Assert.Contains("returned no log-probabilities", e.Message);
    }

    [Fact]
    public async Task GetResponseWithLogProbabilities_LocalFake_ThrowsNotSupported()
    {
        using var client = Factory().Create("local:/m");

        var e = await Assert.ThrowsAsync<LogProbabilitiesNotSupportedException>(
            () => client.GetResponseWithLogProbabilitiesAsync([new ChatMessage(ChatRole.User, "x")]));
        Assert.Contains("log-probabilities", e.Message);
    }
}
