using System.Runtime.Serialization;

namespace Cai.Pipeline.Providers;

/// <summary>Which client library speaks to an OpenAI-compatible endpoint (openai, azure-openai, ollama, openai-compatible).</summary>
public enum ChatConnector
{
    /// <summary>
    /// Microsoft.Extensions.AI's adapter over the OpenAI SDK's chat client. Supports log-probabilities, so it is the
    /// one AI-feedback labelling and judge evaluation need.
    /// </summary>
    [EnumMember(Value = "openai")]
    OpenAI,

    /// <summary>
    /// Semantic Kernel's OpenAI connector (<c>OpenAIChatCompletionService</c>) adapted to <c>IChatClient</c>, for users
    /// who standardise on Semantic Kernel. Its adapter drops log-probabilities: asking for them fails clearly.
    /// </summary>
    SemanticKernel,
}
