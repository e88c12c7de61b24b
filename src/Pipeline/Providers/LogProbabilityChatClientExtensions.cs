using Cai.Pipeline.Local;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Cai.Pipeline.Providers;

/// <summary>
/// Requests log-probabilities through the ordinary GetResponseAsync call. Microsoft.Extensions.AI drops logprob
/// settings passed as AdditionalProperties, so the request goes through RawRepresentationFactory
/// (ChatCompletionOptions.IncludeLogProbabilities) and the answer is read from the raw ChatCompletion.
/// </summary>
public static class LogProbabilityChatClientExtensions
{
    /// <summary>Gets a response plus per-token log-probabilities with up to <paramref name="topCount"/> alternatives.</summary>
    /// <exception cref="LogProbabilitiesNotSupportedException">
    /// The client is not backed by an OpenAI-compatible endpoint, or the endpoint ignored the request.
    /// </exception>
    public static async Task<LogProbabilityResponse> GetResponseWithLogProbabilitiesAsync(this IChatClient client,
        IEnumerable<AIChatMessage> messages, int topCount = 5, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(topCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topCount, 20);
        if (client.GetService<LocalChatClient>() is not null)
            return await LocalLogProbabilities.GetAsync(client, messages, topCount, options, cancellationToken).ConfigureAwait(false);
        var provider = client.GetService<ChatClientMetadata>()?.ProviderName ?? client.GetType().Name;
        if (client.GetService<ChatClient>() is null)
            throw new LogProbabilitiesNotSupportedException(
                $"Model client '{provider}' cannot return log-probabilities; only OpenAI-compatible providers " +
                "(openai, azure-openai, openai-compatible, ollama) and local models can.");

        var withLogProbs = options?.Clone() ?? new ChatOptions();
        var previous = withLogProbs.RawRepresentationFactory;
        withLogProbs.RawRepresentationFactory = c =>
        {
            var raw = previous?.Invoke(c) as ChatCompletionOptions ?? new ChatCompletionOptions();
            raw.IncludeLogProbabilities = true;
            raw.TopLogProbabilityCount = topCount;
            return raw;
        };
        var response = await client.GetResponseAsync(messages, withLogProbs, cancellationToken).ConfigureAwait(false);
        if (response.RawRepresentation is not ChatCompletion completion ||
            completion.ContentTokenLogProbabilities.Count == 0 && response.Text.Length > 0)
            throw new LogProbabilitiesNotSupportedException(
                $"Model '{response.ModelId ?? provider}' returned no log-probabilities although they were requested; " +
                "the server behind it does not support the OpenAI 'logprobs' option.");
        var tokens = completion.ContentTokenLogProbabilities
            .Select(t => new TokenLogProbability(t.Token, t.LogProbability,
                t.TopLogProbabilities.Select(a => new TopLogProbability(a.Token, a.LogProbability)).ToList()))
            .ToList();
        return new LogProbabilityResponse(response, tokens);
    }
}
