using System.Reflection;
using System.Text.Json.Nodes;

namespace Cai.Core.Runs;

/// <summary>
/// What a run directory's <c>manifest.json</c> records: the config snapshot, the constitution (name and hash), the
/// models by role, the code version, the run seed, and counts and timings per stage. Never holds API keys.
/// </summary>
public sealed record RunManifest
{
    /// <summary>The run's name (usually its directory name).</summary>
    public required string RunId { get; init; }

    /// <summary>The resolved pipeline configuration as a JSON object.</summary>
    public JsonObject? Config { get; init; }

    /// <summary>The constitution's name.</summary>
    public string? Constitution { get; init; }

    /// <summary>The content hash of the constitution version used.</summary>
    public string? ConstitutionHash { get; init; }

    /// <summary>Model specs by role (policy, critic, labeler).</summary>
    public IReadOnlyDictionary<string, string>? Models { get; init; }

    /// <summary>The version of the code that ran (see <see cref="CurrentCodeVersion"/>).</summary>
    public string? CodeVersion { get; init; }

    /// <summary>The run seed every per-item seed derives from.</summary>
    public long? Seed { get; init; }

    /// <summary>Counts and timings by stage name.</summary>
    public IReadOnlyDictionary<string, StageSummary> Stages { get; init; } = new Dictionary<string, StageSummary>();

    /// <summary>The shard run directories <c>cai merge</c> joined into this one; null for a run that ran here.</summary>
    public IReadOnlyList<string>? MergedFrom { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run finished; null while it runs or after a crash.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The informational version of Cai.Core (with the source revision when the build embeds one).</summary>
    public static string CurrentCodeVersion { get; } =
        typeof(RunManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunManifest).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>A manifest for a run starting now.</summary>
    public static RunManifest Start(string runId, TimeProvider time) => new()
    {
        RunId = runId,
        CodeVersion = CurrentCodeVersion,
        StartedAt = time.GetUtcNow(),
    };

    /// <summary>This manifest with <paramref name="stage"/>'s summary set or replaced.</summary>
    public RunManifest WithStage(string stage, StageSummary summary) =>
        this with { Stages = new Dictionary<string, StageSummary>(Stages) { [stage] = summary } };

    /// <summary>This manifest marked finished now.</summary>
    public RunManifest Finish(TimeProvider time) => this with { FinishedAt = time.GetUtcNow() };
}
