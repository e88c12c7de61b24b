using System.ComponentModel.DataAnnotations;
using Cai.Pipeline.Providers;

namespace Cai.Pipeline.Config;

/// <summary>The model playing one role (policy, critic, reviser, feedback): its spec and per-model options.</summary>
/// <param name="Spec">
/// The model spec the client connects to, e.g. <c>ollama:llama3.1:8b</c>, <c>local:/models/x.bin</c> or <c>rules</c>,
/// after <c>${VAR}</c> interpolation; never serialized (see <see cref="SpecAsWritten"/>).
/// </param>
/// <param name="Options">Sampling defaults, concurrency, rate and timeout limits.</param>
public sealed record ModelRoleConfig([property: System.Text.Json.Serialization.JsonIgnore] string Spec, ModelOptions Options)
{
    /// <summary>
    /// The spec as the config file wrote it, before <c>${VAR}</c> interpolation: what the manifest and the records'
    /// lineage name, so a value interpolated from the environment (a URL with a token) never reaches the run directory.
    /// </summary>
    /// <value>The default value is <see cref="Spec"/> (a spec typed on the command line has nothing interpolated).</value>
    [System.Text.Json.Serialization.JsonPropertyName("spec")]
    public string SpecAsWritten
    {
        get => field ?? Spec;
        init;
    }

    /// <summary>
    /// Torch intra-op threads for a <c>local:</c> model (process-wide while the run lasts). One is best for tiny models
    /// on a busy machine, where OpenMP's spinning threads can slow generation down many times.
    /// </summary>
    /// <value>The default value is null (TorchThreads' default, or --threads / CAI_THREADS, which take precedence).</value>
    [Range(1, int.MaxValue)]
    public int? Threads { get; init; }

    /// <summary>
    /// The sha256 that the files of a <c>local:hf://</c> model must have, by path inside the Hub repo; checked when
    /// they are downloaded.
    /// </summary>
    /// <value>The default value is null (the Hub's own LFS hashes are checked).</value>
    public IReadOnlyDictionary<string, string>? Sha256 { get; init; }

    /// <summary>The parsed spec.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ModelSpec Parsed => ModelSpec.Parse(Spec);
}
