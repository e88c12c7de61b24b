using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Cai.TestKit.Fakes;

/// <summary>
/// A hand-written <see cref="IChatClient"/> for tests: answers through a callback (or a queue of canned replies) and
/// records every call's messages and options.
/// </summary>
public sealed class FakeChatClient : IChatClient
{
    readonly Func<IReadOnlyList<ChatMessage>, ChatOptions?, string> _reply;
    readonly List<FakeChatCall> _calls = [];
    readonly Lock _gate = new();

    /// <summary>A client whose answer is computed from the request by <paramref name="reply"/>; it may throw to simulate a failure.</summary>
    public FakeChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, string> reply) =>
        _reply = reply ?? throw new ArgumentNullException(nameof(reply));

    /// <summary>A client that answers <paramref name="reply"/> whatever it is asked.</summary>
    public FakeChatClient(string reply) : this((_, _) => reply) { }

    /// <summary>A client that answers the canned replies in order and fails when they run out.</summary>
    public static FakeChatClient Scripted(params string[] replies)
    {
        var queue = new Queue<string>(replies);
        return new FakeChatClient((_, _) => queue.TryDequeue(out var next)
            ? next
            : throw new InvalidOperationException($"FakeChatClient ran out of its {replies.Length} scripted replies."));
    }

    /// <summary>The calls made so far, in order.</summary>
    public IReadOnlyList<FakeChatCall> Calls
    {
        get { lock (_gate) return [.. _calls]; }
    }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        string text;
        lock (_gate)
        {
            _calls.Add(new FakeChatCall(list, options));
            text = _reply(list, options);
        }
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { ModelId = "fake" });
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
            yield return update;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose() { }
}
