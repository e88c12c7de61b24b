using Cai.Core.Runs;

namespace Cai.Pipeline.Runner;

/// <summary>What a run did: the final manifest and whether it stopped early.</summary>
/// <param name="Manifest">The manifest as saved last.</param>
/// <param name="Cancelled">True when the run was cancelled before its input was drained.</param>
/// <param name="PromptsRead">Prompts of this shard read from the source.</param>
public sealed record RunOutcome(RunManifest Manifest, bool Cancelled, int PromptsRead)
{
    /// <summary>Items recorded as failed across stages (still failed after this run).</summary>
    public int Failed => Manifest.Stages.Values.Sum(s => s.Failed);

    /// <summary>Inputs of this run that did not reach a stage's output, by stage (see <see cref="StageCounters.Unfinished"/>).</summary>
    public IReadOnlyDictionary<string, int> Unfinished { get; init; } = new Dictionary<string, int>();

    /// <summary>True when the run was not cancelled and every input reached every stage: nothing failed or is missing.</summary>
    public bool Complete => !Cancelled && Failed == 0 && Unfinished.Values.All(n => n == 0);

    /// <summary>The stages that wrote nothing at all while items failed in them: every item failed there.</summary>
    public IReadOnlyList<string> StagesWhereEverythingFailed =>
        [.. Manifest.Stages.Where(s => s.Value.Written == 0 && s.Value.Failed > 0).Select(s => s.Key)];
}
