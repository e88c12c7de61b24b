using Cai.Models;
using Cai.Pipeline.Local;
using Cai.Pipeline.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Composition;

/// <summary>
/// The CLI's way to turn model specs into <see cref="IChatClient"/>s: a <see cref="ChatClientFactory"/> reading API
/// keys from the process environment, with <c>local:&lt;path&gt;</c> loading a <see cref="LocalModel"/> (llama2.c
/// .bin or HF folder) behind a <see cref="LocalChatClient"/> that owns it. Spec and key problems become
/// <see cref="CliException"/>s: one line, exit code 1.
/// </summary>
internal static class CliChatClients
{
    /// <summary>The factory the CLI uses.</summary>
    /// <param name="loggerFactory">Logging for resilience events.</param>
    /// <param name="environment">Reads environment variables; the process environment when null.</param>
    /// <param name="local">Settings of local clients (chat format, limits).</param>
    public static ChatClientFactory CreateFactory(ILoggerFactory loggerFactory, Func<string, string?>? environment = null,
        LocalChatClientOptions? local = null) =>
        new(environment ?? Environment.GetEnvironmentVariable, loggerFactory)
        {
            LocalClient = (spec, _) => new LocalChatClient(LocalModel.Load(spec.Model), (local ?? new LocalChatClientOptions()) with { OwnsModel = true }),
        };

    /// <summary>Creates the client for <paramref name="spec"/>.</summary>
    /// <exception cref="CliException">The spec is malformed, names an unknown provider, or a needed API key is unset.</exception>
    public static IChatClient Create(ChatClientFactory factory, string spec, ModelOptions? options = null)
    {
        try
        {
            return factory.Create(spec, options);
        }
        catch (Exception e) when (e is ModelSpecException or MissingApiKeyException)
        {
            throw new CliException(e.Message, ExitCodes.Failure, e);
        }
    }
}
