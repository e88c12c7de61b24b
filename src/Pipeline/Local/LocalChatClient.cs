using System.Runtime.CompilerServices;
using System.Threading.Channels;
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
/// map to <see cref="GenerationOptions"/> (see <see cref="ChatOptionsMapping"/> for n and log-probs). A worker decodes
/// for the model (or <see cref="LocalChatClientOptions.DecodeWorkers"/> side by side): concurrent requests share its
/// batch (up to <see cref="LocalChatClientOptions.MaxBatchSize"/> rows; sampled ones when
/// <see cref="LocalChatClientOptions.BatchSampledRequests"/> is set), each with its own seed.
/// Requests join the running batch at its next step and leave it when they finish (continuous batching), and streaming
/// yields each choice's text as it is decoded.
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
        queue = new GenerationQueue(model.Module, model.Tokenizer, model.StopTokenIds, settings.MaxBatchSize,
            settings.BatchSampledRequests, settings.DecodeWorkers);
        pieces = new TokenText(model.Tokenizer);
        Metadata = new ChatClientMetadata("cai-local", null, model.Id);
    }

    /// <summary>The model this client generates with.</summary>
    public LocalModel Model => model;

    /// <summary>Generations run so far: concurrent requests decoded together as one batch count once.</summary>
    public long Batches => queue.Batches;

    /// <summary>The format conversations are rendered with.</summary>
    public IChatFormat ChatFormat { get; }

    /// <summary>The model's context length in tokens: prompt and generated tokens together.</summary>
    public int ContextLength => model.Module.MaxLength;

    /// <summary>Provider name <c>cai-local</c> and the model id.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var conversation = messages.Select(ToTurn).ToList();
        EnsureContextCanUse(conversation);
        var prompt = Encode(conversation);
        var generation = ChatOptionsMapping.ToGenerationOptions(options, model.GenerationDefaults, ChatFormat.StopStrings, settings);
        var choices = await queue.EnqueueAsync(prompt, generation, null, cancellationToken).ConfigureAwait(false);
        return ToResponse(prompt.Count, choices);
    }

    /// <summary>
    /// Streams the answer as it is decoded: one update per piece of new text of a choice (usually one token; text that
    /// could still turn into a stop string is held back until decided), each carrying a <see cref="LocalTextDelta"/>
    /// in RawRepresentation, then one last update with the finish reason, the usage and the whole
    /// <see cref="LocalChatCompletion"/>. A request that fails before decoding (a prompt too long) throws before the
    /// first update.
    /// </summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var conversation = messages.Select(ToTurn).ToList();
        var prompt = Encode(conversation);
        var generation = ChatOptionsMapping.ToGenerationOptions(options, model.GenerationDefaults, ChatFormat.StopStrings, settings);
        var id = $"chatcmpl-local-{Interlocked.Increment(ref responses)}";
        var deltas = Channel.CreateUnbounded<TextDelta>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var generated = queue.EnqueueAsync(prompt, generation, d => deltas.Writer.TryWrite(d), cancellationToken);
        _ = generated.ContinueWith(t => deltas.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);
        await foreach (var delta in deltas.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return new ChatResponseUpdate(ChatRole.Assistant, delta.Text)
            {
                ResponseId = id,
                ModelId = model.Id,
                MessageId = $"{id}-{delta.Row}", // one message per choice
                CreatedAt = settings.TimeProvider.GetUtcNow(),
                RawRepresentation = new LocalTextDelta(delta, delta.Ids.Select(pieces.Of).ToArray()),
            };
        var response = ToResponse(prompt.Count, await generated.ConfigureAwait(false), id);
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(response.Usage!)])
        {
            ResponseId = id,
            ModelId = model.Id,
            FinishReason = response.FinishReason,
            CreatedAt = response.CreatedAt,
            RawRepresentation = response.RawRepresentation,
        };
    }

    /// <summary>
    /// What a request would ask of the context, without generating: the prompt's tokens as this client renders
    /// <paramref name="messages"/> (chat format and generation prompt) and the new tokens <paramref name="options"/> allow.
    /// </summary>
    public (int PromptTokens, int MaxNewTokens) Measure(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var generation = ChatOptionsMapping.ToGenerationOptions(options, model.GenerationDefaults, ChatFormat.StopStrings, settings);
        return (Encode(messages.Select(ToTurn).ToList()).Count, generation.MaxNewTokens);
    }

    IReadOnlyList<int> Encode(List<ChatTurn> conversation) =>
        ChatFormat.Encode(conversation, model.Tokenizer, addGenerationPrompt: true).Ids;

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
        if (!ChatTurn.IsRole(role))
            throw new ArgumentException(
                $"Message {index}: role '{role}' is not supported by local models (system, user, assistant).", nameof(message));
        return new ChatTurn(role, message.Text);
    }

    ChatResponse ToResponse(int promptTokens, IReadOnlyList<GeneratedSequence> choices, string? id = null)
    {
        var texts = choices.Select(c => (IReadOnlyList<string>)c.Ids.Select(pieces.Of).ToArray()).ToArray();
        var output = choices.Sum(c => c.Ids.Count);
        return new ChatResponse(choices.Select(c => new ChatMessage(ChatRole.Assistant, c.Text)).ToList())
        {
            ResponseId = id ?? $"chatcmpl-local-{Interlocked.Increment(ref responses)}",
            ModelId = model.Id,
            CreatedAt = settings.TimeProvider.GetUtcNow(),
            FinishReason = choices[0].FinishReason == ModelFinishReason.Length ? ChatFinishReason.Length : ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = promptTokens, OutputTokenCount = output, TotalTokenCount = promptTokens + output },
            RawRepresentation = new LocalChatCompletion(promptTokens, choices, texts),
        };
    }
}
