using System.Runtime.CompilerServices;
using Cai.Models;
using Cai.Models.Chat;
using Cai.Models.Tokenizers;
using Cai.Models.Generation;
using Microsoft.Extensions.AI;
using ModelFinishReason = Cai.Models.Generation.FinishReason;

namespace Cai.Pipeline.Local;

/// <summary>
/// An in-process <see cref="LocalModel"/> as an <see cref="IChatClient"/>. Messages are rendered with the model's
/// chat format (plain <c>User:/Assistant:</c> for base models) plus the generation prompt; <see cref="ChatOptions"/>
/// map to <see cref="GenerationOptions"/> (see <see cref="ChatOptionsMapping"/> for n and log-probs). One generation
/// runs at a time: concurrent requests wait in a queue rather than collide, and requests that wait together with the
/// same options but their seed are decoded as one batch (up to <see cref="LocalChatClientOptions.MaxBatchSize"/>;
/// sampled ones when <see cref="LocalChatClientOptions.BatchSampledRequests"/> is set), each with its own seed.
/// Streaming yields the whole response as one update once it is complete.
/// </summary>
public sealed class LocalChatClient : IChatClient
{
    readonly LocalModel model;
    readonly LocalChatClientOptions settings;
    readonly TokenText pieces;
    readonly GenerationQueue queue;
    long responses;

    /// <summary>Wraps <paramref name="model"/>; the client disposes it only when <see cref="LocalChatClientOptions.OwnsModel"/> is set.</summary>
    public LocalChatClient(LocalModel model, LocalChatClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        settings = options ?? new LocalChatClientOptions();
        settings.Validate();
        this.model = model;
        ChatFormat = settings.ChatFormat ?? model.ChatFormat;
        queue = new GenerationQueue(new TextGenerator(model.Module, model.Tokenizer), settings.MaxBatchSize,
            settings.BatchSampledRequests, model.Module.MaxLength);
        pieces = new TokenText(model.Tokenizer);
        Metadata = new ChatClientMetadata("cai-local", null, model.Id);
    }

    /// <summary>The model this client generates with.</summary>
    public LocalModel Model => model;

    /// <summary>Generations run so far: concurrent requests decoded together as one batch count once.</summary>
    public long Batches => queue.Batches;

    /// <summary>The format conversations are rendered with.</summary>
    public IChatFormat ChatFormat { get; }

    /// <summary>Provider name <c>cai-local</c> and the model id.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var conversation = messages.Select(ToTurn).ToList();
        EnsureContextCanUse(conversation);
        var prompt = ChatFormat.Encode(conversation, model.Tokenizer, addGenerationPrompt: true).Ids;
        var generation = ChatOptionsMapping.ToGenerationOptions(options, model.GenerationDefaults, ChatFormat.StopStrings, settings);
        var choices = await queue.EnqueueAsync(prompt, generation, cancellationToken).ConfigureAwait(false);
        return ToResponse(prompt.Count, choices);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
            yield return update;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(LocalModel) ? model
        : null;

    /// <inheritdoc />
    public void Dispose()
    {
        if (settings.OwnsModel)
            model.Dispose();
    }

    // Refused before tokenizing: text the context cannot hold would be tokenized only to be rejected, and a megabyte
    // of it keeps a tokenizer (and a server) busy long after the client has gone.
    void EnsureContextCanUse(List<ChatTurn> conversation)
    {
        var chars = conversation.Sum(t => (long)t.Content.Length);
        var context = model.Module.MaxLength;
        var max = TextBudget.MaxChars(context);
        if (chars > max)
            throw new ArgumentException(
                $"the prompt has {chars} characters, more than a {context}-token context can use ({max}); shorten it", "messages");
    }

    static ChatTurn ToTurn(ChatMessage message, int index)
    {
        var role = message.Role.Value;
        if (role is not (ChatTurn.SystemRole or ChatTurn.UserRole or ChatTurn.AssistantRole))
            throw new ArgumentException(
                $"Message {index}: role '{role}' is not supported by local models (system, user, assistant).", nameof(message));
        return new ChatTurn(role, message.Text);
    }

    ChatResponse ToResponse(int promptTokens, IReadOnlyList<GeneratedSequence> choices)
    {
        var texts = choices.Select(c => (IReadOnlyList<string>)c.Ids.Select(pieces.Of).ToArray()).ToArray();
        var output = choices.Sum(c => c.Ids.Count);
        return new ChatResponse(choices.Select(c => new ChatMessage(ChatRole.Assistant, c.Text)).ToList())
        {
            ResponseId = $"chatcmpl-local-{Interlocked.Increment(ref responses)}",
            ModelId = model.Id,
            CreatedAt = settings.TimeProvider.GetUtcNow(),
            FinishReason = choices[0].FinishReason == ModelFinishReason.Length ? ChatFinishReason.Length : ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = promptTokens, OutputTokenCount = output, TotalTokenCount = promptTokens + output },
            RawRepresentation = new LocalChatCompletion(promptTokens, choices, texts),
        };
    }
}
