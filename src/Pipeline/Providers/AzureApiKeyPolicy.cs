using System.ClientModel.Primitives;

namespace Cai.Pipeline.Providers;

/// <summary>
/// Sends the key in Azure OpenAI's <c>api-key</c> header instead of a bearer token; added before the transport so it
/// runs after the SDK's own bearer-token policy.
/// </summary>
internal sealed class AzureApiKeyPolicy(string key) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Apply(PipelineMessage message)
    {
        message.Request.Headers.Remove("Authorization");
        message.Request.Headers.Set("api-key", key);
    }
}
