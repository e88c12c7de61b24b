using Cai.Pipeline.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Cai.Pipeline.Resilience;

/// <summary>
/// Runs every call of the inner client through one Polly pipeline (<see cref="ChatResiliencePipeline"/>).
/// Streaming calls pass through unprotected: a half-read stream cannot be replayed safely.
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ChatResiliencePipeline resilience;
    private readonly string model;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="model"/> is the spec text used in logs and errors.</summary>
    public ResilientChatClient(IChatClient inner, string model, ModelOptions options, ILogger<ResilientChatClient> logger,
        TimeProvider? timeProvider = null)
        : base(inner)
    {
        this.model = model;
        resilience = new ChatResiliencePipeline(model, options, logger, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Materialised once: a retry must resend exactly the same conversation.
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ChatResiliencePipeline.TokenEstimateKey, EstimateTokens(list, options));
        try
        {
            return await resilience.Pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<ChatResponse>(
                    state.Inner.GetResponseAsync(state.Messages, state.Options, ctx.CancellationToken)),
                context, (Inner: InnerClient, Messages: list, Options: options)).ConfigureAwait(false);
        }
        catch (BrokenCircuitException e) when (e is not ModelUnavailableException)
        {
            throw new ModelUnavailableException(model, e);
        }
        catch (TimeoutRejectedException e)
        {
            // Polly's own type would mean nothing to the stages, which see only Core: a timeout is a TimeoutException.
            throw new TimeoutException(e.Message, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            resilience.Dispose();
        base.Dispose(disposing);
    }

    // About four characters a token for English text, plus the output budget; good enough for a rate limit.
    private static int EstimateTokens(IList<ChatMessage> messages, ChatOptions? options)
    {
        long chars = 0;
        foreach (var m in messages)
            chars += m.Text.Length;
        return (int)Math.Min(int.MaxValue, chars / 4 + (options?.MaxOutputTokens ?? 256));
    }
}
