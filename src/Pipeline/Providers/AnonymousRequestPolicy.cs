using System.ClientModel.Primitives;

namespace Cai.Pipeline.Providers;

/// <summary>
/// Removes the Authorization header the OpenAI SDK adds from its mandatory credential, so a server that gets no key
/// sees no header at all rather than a placeholder bearer token.
/// </summary>
internal sealed class AnonymousRequestPolicy : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Remove("Authorization");
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Remove("Authorization");
        return ProcessNextAsync(message, pipeline, currentIndex);
    }
}
