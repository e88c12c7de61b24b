using Cai.Core.Records;

namespace Cai.Pipeline.Runner;

/// <summary>
/// A line of <c>&lt;stage&gt;.consumed.jsonl</c>: the input <paramref name="Id"/> was processed and all its outputs
/// written. A stage may turn an input into no output (a filtered item), so the outputs alone cannot tell.
/// </summary>
/// <param name="Id">The input id.</param>
/// <param name="Outputs">The ids of the outputs it produced, so an output later cut from the stage file by a repair
/// (a torn or corrupt line) sends its input back to the stage (<see cref="ConsumedLedger"/>). Null in ledgers written
/// before outputs were recorded: such an entry cannot be checked and is trusted.</param>
public sealed record ConsumedRecord(string Id, IReadOnlyList<string>? Outputs = null) : IRecord;
