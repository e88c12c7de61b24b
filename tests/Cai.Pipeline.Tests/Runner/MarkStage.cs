using Cai.Core.Records;
using Cai.Core.Stages;

namespace Cai.Pipeline.Tests.Runner;

/// <summary>A hand-written revise-like stage: one round whose revision upper-cases the response.</summary>
internal sealed class MarkStage : IStage<SampleRecord, RevisedRecord>
{
    int calls;

    /// <summary>Called before each item; may throw, return a failure, or cancel the run.</summary>
    public Func<SampleRecord, int, StageResult<RevisedRecord>?> Before { get; init; } = (_, _) => null;

    public string Name => "revise";

    public int Calls => Volatile.Read(ref calls);

    public Task<StageResult<RevisedRecord>> ProcessAsync(SampleRecord input, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref calls);
        if (Before(input, n) is { } early)
            return Task.FromResult(early);
        var revision = input.Response.Content.ToUpperInvariant();
        var round = new RevisionRound
        {
            PrincipleId = "p0", CritiqueRequest = "c?", Critique = "c", RevisionRequest = "r?", Revision = revision,
        };
        return Task.FromResult(StageResult<RevisedRecord>.Ok(
            RevisedRecord.From(input, [round], Message.Assistant(revision), null, null)));
    }
}
