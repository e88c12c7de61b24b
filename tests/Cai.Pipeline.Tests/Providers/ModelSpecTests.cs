using Cai.Pipeline.Providers;

namespace Cai.Pipeline.Tests.Providers;

public class ModelSpecTests
{
    [Theory]
    [InlineData("openai:gpt-4o-mini", ModelProvider.OpenAI, "gpt-4o-mini", null)]
    [InlineData("azure-openai:my-deployment", ModelProvider.AzureOpenAI, "my-deployment", null)]
    [InlineData("azure-openai:my-deployment@https://res.openai.azure.com", ModelProvider.AzureOpenAI, "my-deployment", "https://res.openai.azure.com")]
    [InlineData("ollama:llama3.1:8b", ModelProvider.Ollama, "llama3.1:8b", null)]
    [InlineData("ollama:llama3.1:8b@http://gpu-box:11434", ModelProvider.Ollama, "llama3.1:8b", "http://gpu-box:11434")]
    [InlineData("openai-compatible:Qwen/Qwen2.5-7B@http://localhost:8000/v1", ModelProvider.OpenAICompatible, "Qwen/Qwen2.5-7B", "http://localhost:8000/v1")]
    [InlineData("openai-compatible:org@team/model@https://host/v1", ModelProvider.OpenAICompatible, "org@team/model", "https://host/v1")]
    [InlineData("local:/models/stories260K", ModelProvider.Local, "/models/stories260K", null)]
    [InlineData("local:HuggingFaceTB/SmolLM-135M@main", ModelProvider.Local, "HuggingFaceTB/SmolLM-135M@main", null)]
    [InlineData("rules", ModelProvider.Rules, "", null)]
    [InlineData("  OLLAMA:phi3  ", ModelProvider.Ollama, "phi3", null)]
    public void Parse_ValidSpec_SplitsProviderModelAndUrl(string text, ModelProvider provider, string model, string? url)
    {
        var spec = ModelSpec.Parse(text);

        Assert.Equal(provider, spec.Provider);
        Assert.Equal(model, spec.Model);
        Assert.Equal(url, spec.BaseUrl?.OriginalString);
    }

    [Theory]
    [InlineData("openai:gpt-4o-mini")]
    [InlineData("azure-openai:dep@https://res.openai.azure.com/")]
    [InlineData("ollama:llama3.1:8b@http://host:11434")]
    [InlineData("openai-compatible:m@http://127.0.0.1:8000/v1")]
    [InlineData("local:./models/x")]
    [InlineData("rules")]
    public void ToString_ParsedSpec_RoundTrips(string text)
    {
        var spec = ModelSpec.Parse(text);

        Assert.Equal(text, spec.ToString());
        Assert.Equal(spec, ModelSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("anthropic:claude", "unknown provider 'anthropic'")]
    [InlineData("gpt-4o", "unknown provider 'gpt-4o'")]
    [InlineData("openai:", "missing model")]
    [InlineData("ollama:  ", "missing model")]
    [InlineData("local:", "missing model")]
    [InlineData("openai-compatible:@http://host/v1", "missing model")]
    [InlineData("openai-compatible:my-model", "missing base URL")]
    [InlineData("openai-compatible:my-model@localhost:8000", "missing base URL")]
    [InlineData("openai-compatible:m@http://", "bad base URL 'http://'")]
    [InlineData("ollama:m@http://bad host:1", "bad base URL")]
    [InlineData("rules:extra", "takes no model")]
    public void Parse_InvalidSpec_ThrowsModelSpecExceptionNamingTheProblem(string text, string expected)
    {
        var e = Assert.Throws<ModelSpecException>(() => ModelSpec.Parse(text));

        Assert.Contains(expected, e.Message);
        Assert.Contains($"'{text}'", e.Message);
        Assert.Equal(text, e.Spec);
    }

    [Fact]
    public void Parse_UnknownProvider_ListsKnownProviders()
    {
        var e = Assert.Throws<ModelSpecException>(() => ModelSpec.Parse("bedrock:titan"));

        foreach (var prefix in new[] { "openai", "azure-openai", "ollama", "openai-compatible", "local", "rules" })
            Assert.Contains(prefix, e.Message);
    }
}
