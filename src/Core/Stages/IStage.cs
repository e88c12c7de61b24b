using Cai.Core.Records;

namespace Cai.Core.Stages;

/// <summary>
/// One step of the pipeline: turns one input record into zero or more output records, or into a failure.
/// Stages are small and stateless per item; the runner owns ordering, concurrency, storage and resume.
/// </summary>
/// <typeparam name="TIn">The record the stage reads.</typeparam>
/// <typeparam name="TOut">The record the stage writes.</typeparam>
public interface IStage<in TIn, TOut>
    where TIn : IRecord
    where TOut : IRecord
{
    /// <summary>The stage name; also the name of its output files (<c>&lt;name&gt;.jsonl</c>, <c>&lt;name&gt;.failed.jsonl</c>).</summary>
    string Name { get; }

    /// <summary>Processes one item. Item-level problems come back as a failed <see cref="StageResult{T}"/>, not exceptions.</summary>
    Task<StageResult<TOut>> ProcessAsync(TIn input, CancellationToken cancellationToken);
}
