using Cai.Pipeline.Providers;

namespace Cai.Pipeline.Config;

/// <summary>The model playing one role (policy, critic, reviser, feedback): its spec and per-model options.</summary>
/// <param name="Spec">The model spec, e.g. <c>ollama:llama3.1:8b</c>, <c>local:/models/x.bin</c> or <c>rules</c>; never a key.</param>
/// <param name="Options">Sampling defaults, concurrency, rate and timeout limits.</param>
public sealed record ModelRoleConfig(string Spec, ModelOptions Options)
{
    /// <summary>
    /// Torch intra-op threads for a <c>local:</c> model (process-wide while the run lasts). One is best for tiny models
    /// on a busy machine, where OpenMP's spinning threads can slow generation down many times.
    /// </summary>
    /// <value>The default value is null (TorchThreads' default, or --threads / CAI_THREADS, which take precedence).</value>
    public int? Threads { get; init; }

    /// <summary>The parsed spec.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ModelSpec Parsed => ModelSpec.Parse(Spec);
}
