using Cai.Pipeline.Providers;
using Microsoft.Extensions.AI;

namespace Cai.Pipeline.Local;

/// <summary>
/// The log-prob request for clients built on <see cref="LocalChatClient"/>: asks through ChatOptions'
/// AdditionalProperties (logprobs, top_logprobs) and reads the <see cref="LocalChatCompletion"/> payload.
/// </summary>
internal static class LocalLogProbabilities
{
    public static async Task<LogProbabilityResponse> GetAsync(IChatClient client, IEnumerable<ChatMessage> messages,
        int topCount, ChatOptions? options, CancellationToken cancellationToken)
    {
        var withLogProbs = options?.Clone() ?? new ChatOptions();
        withLogProbs.AdditionalProperties = withLogProbs.AdditionalProperties?.Clone() ?? [];
        withLogProbs.AdditionalProperties[ChatOptionsMapping.LogProbs] = true;
        withLogProbs.AdditionalProperties[ChatOptionsMapping.TopLogProbs] = topCount;
        var response = await client.GetResponseAsync(messages, withLogProbs, cancellationToken).ConfigureAwait(false);
        if (response.RawRepresentation is not LocalChatCompletion { Choices: [var first, ..] } completion || first.LogProbs is null)
            throw new LogProbabilitiesNotSupportedException(
                $"Local model '{response.ModelId}' returned no log-probabilities; a middleware replaced the local response.");
        var texts = completion.TokenTexts[0];
        var tokens = first.LogProbs.Select((logProb, i) => new TokenLogProbability(texts[i], logProb,
                first.TopLogProbs is { } top
                    ? top[i].Select(a => new TopLogProbability(a.Token, a.LogProb)).ToList()
                    : []))
            .ToList();
        return new LogProbabilityResponse(response, tokens);
    }
}
