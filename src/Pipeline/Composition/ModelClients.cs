using System.Collections.Concurrent;
using Cai.Models;
using Cai.Pipeline.Config;
using Cai.Pipeline.Local;
using Cai.Pipeline.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Cai.Pipeline.Composition;

/// <summary>
/// The chat clients of a run, one per model spec: roles sharing a spec share a client (and its concurrency limit),
/// and a <c>local:</c> model is loaded once. Keys come from the environment through <see cref="ChatClientFactory"/>.
/// </summary>
public sealed class ModelClients : IDisposable
{
    readonly ChatClientFactory factory;
    readonly ConcurrentDictionary<string, IChatClient> clients = new(StringComparer.Ordinal);

    /// <summary>Creates the registry; <paramref name="environment"/> reads API keys and endpoints.</summary>
    public ModelClients(Func<string, string?> environment, ILoggerFactory loggerFactory, TimeProvider time,
        Func<ModelSpec, ModelOptions, IChatClient>? localClient = null)
    {
        factory = new ChatClientFactory(environment, loggerFactory, time)
        {
            LocalClient = localClient ?? LoadLocal,
            RulesClient = _ => throw new NotSupportedException(
                "'rules' is the constitution's offline judge, not a chat model: use it as critic or feedback model only."),
        };
    }

    /// <summary>The client for <paramref name="role"/>'s spec, created on first use.</summary>
    public IChatClient For(ModelRoleConfig role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return clients.GetOrAdd(role.Spec, _ => factory.Create(Downloaded(role), role.Options));
    }

    // A local Hub model is downloaded (and checked against the config's sha256) before it is loaded.
    static ModelSpec Downloaded(ModelRoleConfig role) =>
        role.Parsed is { Provider: ModelProvider.Local } local && LocalModel.IsHubId(local.Model)
            ? ModelSpec.Parse($"{local.ProviderPrefix}:{LocalModel.ResolvePath(local.Model, sha256Sums: role.Sha256)}")
            : role.Parsed;

    // The role's max_concurrency is what the local model decodes at once: that many requests, shared among its
    // decode_workers batches.
    static IChatClient LoadLocal(ModelSpec spec, ModelOptions options) =>
        new LocalChatClient(LocalModel.Load(spec.Model), new LocalChatClientOptions
        {
            OwnsModel = true,
            MaxBatchSize = (options.MaxConcurrency + options.DecodeWorkers - 1) / options.DecodeWorkers,
            DecodeWorkers = options.DecodeWorkers,
        });

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in clients.Values)
            client.Dispose();
        clients.Clear();
    }
}
