namespace Cai.Pipeline.Providers;

/// <summary>Where a model runs: the text before the first ':' of a <see cref="ModelSpec"/>.</summary>
public enum ModelProvider
{
    /// <summary>api.openai.com (<c>openai:&lt;model&gt;</c>).</summary>
    OpenAI,

    /// <summary>An Azure OpenAI deployment (<c>azure-openai:&lt;deployment&gt;[@&lt;endpoint&gt;]</c>).</summary>
    AzureOpenAI,

    /// <summary>An Ollama server through its OpenAI-compatible /v1 API (<c>ollama:&lt;model&gt;[@http://host:11434]</c>).</summary>
    Ollama,

    /// <summary>Any OpenAI-compatible server: vLLM, llama.cpp, LM Studio, TGI (<c>openai-compatible:&lt;model&gt;@&lt;base-url&gt;</c>).</summary>
    OpenAICompatible,

    /// <summary>An in-process TorchSharp model (<c>local:&lt;path&gt;</c>).</summary>
    Local,

    /// <summary>The constitution's machine checks only (<c>rules</c>).</summary>
    Rules,
}
