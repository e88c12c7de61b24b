using Cai.Core.Records;

namespace Cai.Core.Stages;

/// <summary>What a stage made of one input: its outputs, or a failure that is written as data.</summary>
/// <typeparam name="T">The output record type.</typeparam>
public sealed record StageResult<T> where T : IRecord
{
    StageResult(IReadOnlyList<T> outputs, FailureRecord? failure) => (Outputs, Failure) = (outputs, failure);

    /// <summary>
    /// The records produced (possibly empty when an item is filtered out). A failure may carry the outputs finished
    /// before it (<see cref="Partial"/>): they are kept, and the retry of the item does not write them twice.
    /// </summary>
    public IReadOnlyList<T> Outputs { get; }

    /// <summary>The failure, when the item could not be processed.</summary>
    public FailureRecord? Failure { get; }

    /// <summary>True when the item was processed (even if it produced nothing).</summary>
    public bool Succeeded => Failure is null;

    /// <summary>A successful result.</summary>
    public static StageResult<T> Ok(params IReadOnlyList<T> outputs) => new(outputs, null);

    /// <summary>A failed item, written to <c>&lt;stage&gt;.failed.jsonl</c>.</summary>
    public static StageResult<T> Failed(FailureRecord failure) => new([], failure);

    /// <summary>A failed item with the outputs it finished before failing, e.g. a prompt's revision pairs when its feedback comparison failed.</summary>
    public static StageResult<T> Partial(IReadOnlyList<T> outputs, FailureRecord failure) => new(outputs, failure);

    /// <summary>A failed item built from its parts.</summary>
    public static StageResult<T> Failed(string id, string stage, string errorKind, string message, int attempts = 1) =>
        new([], new FailureRecord { Id = id, Stage = stage, ErrorKind = errorKind, Message = message, Attempts = attempts });

    /// <summary>An item whose processing threw <paramref name="exception"/>, its kind from <see cref="ErrorKinds.Of"/>.</summary>
    // The resilience layer retries inside one call; when it gives up the stage saw one failed attempt.
    public static StageResult<T> Failed(string id, string stage, Exception exception) =>
        Failed(id, stage, ErrorKinds.Of(exception), exception.Message);
}
