using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Cai.Pipeline.Providers;

/// <summary>
/// Sends <see cref="ChatOptions.TopK"/> to an OpenAI-protocol endpoint, which the adapters otherwise drop without a word
/// (a run would record a top-k its samples were never drawn with). Chat Completions has no <c>top_k</c>; the servers
/// that sample with one (vLLM, llama.cpp's server, SGLang) read it from the request body, so with the OpenAI SDK's
/// adapter it is written there as <c>"top_k"</c>, and a server that refuses unknown fields answers the call with an
/// error (what OpenAI's own API does with it is not checked here: these machines reach no remote API). Semantic
/// Kernel's connector has no way to add a field: a top-k there fails the call, naming the connector that can send it.
/// </summary>
internal sealed class TopKChatClient(IChatClient inner, ChatConnector connector) : DelegatingChatClient(inner)
{
    /// <summary>The one-line refusal for a top-k through <paramref name="connector"/>, or null when it can send one.</summary>
    public static string? Unsent(ChatConnector connector) => connector == ChatConnector.OpenAI ? null
        : "top_k cannot be sent through the semantic-kernel connector; unset it or use connector: openai";

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, WithTopK(options), cancellationToken);

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AIChatMessage> messages,
        ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, WithTopK(options), cancellationToken);

    ChatOptions? WithTopK(ChatOptions? options)
    {
        if (options?.TopK is not { } k)
            return options;
        if (Unsent(connector) is { } refusal)
            throw new NotSupportedException(refusal);
        var copy = options.Clone();
        var previous = copy.RawRepresentationFactory;
        copy.RawRepresentationFactory = c =>
        {
            var raw = previous?.Invoke(c) as ChatCompletionOptions ?? new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch is the SDK's way to add a field it does not model.
            raw.Patch.Set("$.top_k"u8, k);
#pragma warning restore SCME0001
            return raw;
        };
        return copy;
    }
}
