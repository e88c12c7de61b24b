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
}
