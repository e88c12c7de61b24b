using Cai.Models.Generation;
using Cai.Pipeline.Local;
using Microsoft.Extensions.AI;

namespace Cai.Cli.Tests.Serve;

/// <summary>
/// A hand-written chat client for <see cref="Cai.Cli.Serve.ServeHost"/>: while <see cref="Block"/> is set each call waits
/// until released or cancelled, and it records that its token fired; otherwise it answers "ok" at once in the shape
/// LocalChatClient gives.
/// </summary>
internal sealed class GateChatClient : IChatClient
{
    readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int entered;
    int calls;

    public bool Block { get; set; } = true;

    /// <summary>Calls that have started waiting.</summary>
    public int Entered => Volatile.Read(ref entered);

    /// <summary>Calls made, blocked or not.</summary>
    public int Calls => Volatile.Read(ref calls);

    /// <summary>Completes when a waiting call's cancellation token fires.</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => release.TrySetResult();

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref calls);
        if (Block)
        {
            Interlocked.Increment(ref entered);
            try
            {
                await release.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Cancelled.TrySetResult();
                throw;
            }
        }
        var choice = new GeneratedSequence(0, 0, [1], "ok", FinishReason.Stop);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
        {
            ResponseId = "chatcmpl-gate",
            Usage = new UsageDetails { InputTokenCount = 1, OutputTokenCount = 1, TotalTokenCount = 2 },
            RawRepresentation = new LocalChatCompletion(1, [choice], [["ok"]]),
        };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
