using Cai.Core.Runs;

namespace Cai.Cli.Reports;

/// <summary>What a run directory holds for one stage: records in its JSONL file, failures, and the manifest's summary.</summary>
/// <param name="Stage">The stage name (the JSONL file's name without extension).</param>
/// <param name="Records">Readable records in <c>&lt;stage&gt;.jsonl</c>.</param>
/// <param name="UnreadableLines">Lines of that file that did not parse (e.g. a torn last line).</param>
/// <param name="Failed">Ids in <c>&lt;stage&gt;.failed.jsonl</c> that no later attempt resolved (the manifest's failed).</param>
/// <param name="FailureKinds">Those failures counted by the error kind of their latest attempt.</param>
/// <param name="Resolved">Ids that failed and a later <c>--retry-failed</c> handled in full.</param>
/// <param name="Summary">The manifest's counts and timings for the stage, when it has them.</param>
internal sealed record StageCount(string Stage, int Records, int UnreadableLines, int Failed,
    IReadOnlyDictionary<string, int> FailureKinds, int Resolved, StageSummary? Summary);
