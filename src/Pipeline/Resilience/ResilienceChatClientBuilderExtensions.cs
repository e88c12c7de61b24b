using Cai.Pipeline.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cai.Pipeline.Resilience;

/// <summary>Adds <see cref="ResilientChatClient"/> to a <see cref="ChatClientBuilder"/>.</summary>
public static class ResilienceChatClientBuilderExtensions
{
    /// <summary>Wraps the client built so far in the resilience pipeline for <paramref name="spec"/>.</summary>
    public static ChatClientBuilder UseResilience(this ChatClientBuilder builder, ModelSpec spec, ModelOptions options,
        ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ResilientChatClient>();
        return builder.Use(inner => new ResilientChatClient(inner, spec.ToString(), options, logger, timeProvider));
    }
}
