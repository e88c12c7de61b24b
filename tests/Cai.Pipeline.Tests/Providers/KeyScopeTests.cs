using Cai.Pipeline.Providers;
using Cai.TestKit.FaultServer;
using Microsoft.Extensions.AI;

namespace Cai.Pipeline.Tests.Providers;

/// <summary>
/// Which key reaches which server, over real HTTP: the fault server records every Authorization header and, with
/// <see cref="FaultKind.EchoCredentials"/>, repeats it in its 401 body as a hostile or careless server would.
/// </summary>
public class KeyScopeTests
{
    private const string OpenAIKey = "sk-openai-SCOPE-test-0123456789";
    private const string VllmKey = "sk-vllm-SCOPE-test-9876543210";

    private static ChatClientFactory Factory() => new(name => name switch
    {
        "OPENAI_API_KEY" => OpenAIKey,
        "VLLM_API_KEY" => VllmKey,
        _ => null,
    });

    private static ModelOptions NoRetries(string? keyVariable = null) => new()
    {
        ApiKeyEnvironmentVariable = keyVariable,
        Resilience = new Cai.Pipeline.Resilience.ResilienceOptions { MaxRetryAttempts = 0 },
    };

    [Fact]
    public async Task Create_OpenAICompatibleWithoutApiKeyEnv_SendsNoAuthorizationAtAll()
    {
        await using var server = await FaultServer.StartAsync(new FaultServerOptions { Script = _ => FaultKind.EchoCredentials });
        using var client = Factory().Create($"openai-compatible:fault-model@{server.BaseUrl}", NoRetries());

        var e = await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync("who are you"));

        Assert.Equal(1, server.RequestCount);
        Assert.Equal([null], server.Authorizations);
        Assert.DoesNotContain(OpenAIKey, e.ToString());
        Assert.Contains("401", e.Message);
    }

    [Fact]
    public async Task Create_OllamaWithoutApiKeyEnv_SendsNoAuthorization()
    {
        await using var server = await FaultServer.StartAsync();
        using var client = Factory().Create($"ollama:llama3:8b@{server.BaseUrl.GetLeftPart(UriPartial.Authority)}", NoRetries());

        await client.GetResponseAsync("hi");

        Assert.Null(server.LastAuthorization);
    }

    [Fact]
    public async Task Create_OpenAIWithForeignBaseUrl_DoesNotSendOpenAIKey()
    {
        await using var server = await FaultServer.StartAsync();
        using var client = Factory().Create($"openai:gpt-4o-mini@{server.BaseUrl}", NoRetries());

        await client.GetResponseAsync("hi");

        Assert.Null(server.LastAuthorization);
    }

    [Fact]
    public async Task Create_OpenAICompatibleWithApiKeyEnv_SendsThatKeyOnlyOverLoopbackHttp()
    {
        await using var server = await FaultServer.StartAsync();
        using var client = Factory().Create($"openai-compatible:fault-model@{server.BaseUrl}", NoRetries("VLLM_API_KEY"));

        await client.GetResponseAsync("hi");

        Assert.Equal($"Bearer {VllmKey}", server.LastAuthorization);
    }

    [Theory]
    [InlineData("openai-compatible:m@http://10.1.2.3:8000/v1", "VLLM_API_KEY")]
    [InlineData("openai-compatible:m@http://gpu-box.example:8000/v1", "VLLM_API_KEY")]
    [InlineData("openai:gpt-4o@http://proxy.example/v1", "OPENAI_API_KEY")]
    public void Create_KeyOverPlainHttpToRemoteHost_RefusedBeforeAnyRequest(string spec, string variable)
    {
        var e = Assert.Throws<ModelSpecException>(() => Factory().Create(spec, NoRetries(variable)));

        Assert.Contains($"key from {variable} would travel over plain http", e.Message);
        Assert.Contains("allow_insecure", e.Message);
        Assert.DoesNotContain(VllmKey, e.Message);
        Assert.DoesNotContain(OpenAIKey, e.Message);
    }

    [Fact]
    public void Create_KeyOverPlainHttpWithAllowInsecure_IsAccepted()
    {
        using var client = Factory().Create("openai-compatible:m@http://10.1.2.3:8000/v1", NoRetries("VLLM_API_KEY") with { AllowInsecure = true });

        Assert.NotNull(client);
    }

    [Theory]
    [InlineData("openai:gpt-4o", "sk-openai-SCOPE-test-0123456789")]
    [InlineData("openai:gpt-4o@https://api.openai.com/v1", "sk-openai-SCOPE-test-0123456789")]
    [InlineData("openai-compatible:m@https://vllm.example/v1", null)]
    [InlineData("openai:gpt-4o@https://proxy.example/v1", null)]
    [InlineData("ollama:llama3", null)]
    public void ResolveKey_DefaultVariables_OnlyForTheProvidersOwnHost(string spec, string? expected)
    {
        var resolver = new ApiKeyResolver(name => name == "OPENAI_API_KEY" ? OpenAIKey : null);

        Assert.Equal(expected, resolver.ResolveKey(ModelSpec.Parse(spec), new ModelOptions()));
    }
}
