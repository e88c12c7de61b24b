using Cai.Pipeline.Providers;

namespace Cai.Pipeline.Tests.Providers;

public class ApiKeyResolverTests
{
    private static ApiKeyResolver With(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return new ApiKeyResolver(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void ResolveKey_OpenAIWithKey_ReturnsKey()
    {
        var key = With(("OPENAI_API_KEY", "sk-1")).ResolveKey(ModelSpec.Parse("openai:gpt-4o"), new ModelOptions());

        Assert.Equal("sk-1", key);
    }

    [Theory]
    [InlineData("openai:gpt-4o", "OPENAI_API_KEY")]
    [InlineData("azure-openai:dep@https://x.openai.azure.com", "AZURE_OPENAI_API_KEY")]
    public void ResolveKey_MissingKey_ThrowsNamingTheVariable(string spec, string variable)
    {
        var e = Assert.Throws<MissingApiKeyException>(
            () => With(("OTHER", "sk-other")).ResolveKey(ModelSpec.Parse(spec), new ModelOptions()));

        Assert.Equal(variable, e.Variable);
        Assert.Contains(variable, e.Message);
        Assert.Contains(spec, e.Message);
        Assert.DoesNotContain("sk-other", e.Message);
    }

    [Fact]
    public void ResolveKey_BlankKey_CountsAsMissing()
    {
        Assert.Throws<MissingApiKeyException>(
            () => With(("OPENAI_API_KEY", "  ")).ResolveKey(ModelSpec.Parse("openai:gpt-4o"), new ModelOptions()));
    }

    [Fact]
    public void ResolveKey_OverrideVariable_WinsOverDefault()
    {
        var resolver = With(("OPENAI_API_KEY", "sk-default"), ("VLLM_KEY", "sk-vllm"));
        var options = new ModelOptions { ApiKeyEnvironmentVariable = "VLLM_KEY" };

        Assert.Equal("sk-vllm", resolver.ResolveKey(ModelSpec.Parse("openai:gpt-4o"), options));
    }

    [Fact]
    public void ResolveKey_OverrideVariableMissing_ThrowsNamingIt()
    {
        var options = new ModelOptions { ApiKeyEnvironmentVariable = "VLLM_KEY" };

        var e = Assert.Throws<MissingApiKeyException>(() => With(("OPENAI_API_KEY", "sk-default"))
            .ResolveKey(ModelSpec.Parse("openai-compatible:m@http://h/v1"), options));

        Assert.Equal("VLLM_KEY", e.Variable);
        Assert.DoesNotContain("sk-default", e.Message);
    }

    [Theory]
    [InlineData("ollama:llama3.1:8b")]
    [InlineData("openai-compatible:m@http://h/v1")]
    public void ResolveKey_ProviderWithoutRequiredKey_ReturnsNull(string spec)
    {
        Assert.Null(With().ResolveKey(ModelSpec.Parse(spec), new ModelOptions()));
    }

    [Fact]
    public void ResolveAzureEndpoint_NoUrlInSpec_ReadsEnvironment()
    {
        var resolver = With(("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com/"));

        Assert.Equal(new Uri("https://res.openai.azure.com/"), resolver.ResolveAzureEndpoint(ModelSpec.Parse("azure-openai:dep")));
    }

    [Fact]
    public void ResolveAzureEndpoint_Missing_ThrowsNamingTheVariable()
    {
        var e = Assert.Throws<MissingApiKeyException>(() => With().ResolveAzureEndpoint(ModelSpec.Parse("azure-openai:dep")));

        Assert.Equal("AZURE_OPENAI_ENDPOINT", e.Variable);
    }

    [Fact]
    public void ResolveAzureEndpoint_NotAUrl_ThrowsModelSpecException()
    {
        var resolver = With(("AZURE_OPENAI_ENDPOINT", "res.openai.azure.com"));

        var e = Assert.Throws<ModelSpecException>(() => resolver.ResolveAzureEndpoint(ModelSpec.Parse("azure-openai:dep")));
        Assert.Contains("AZURE_OPENAI_ENDPOINT", e.Message);
    }
}
