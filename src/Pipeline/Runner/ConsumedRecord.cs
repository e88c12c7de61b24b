using Cai.Core.Records;

namespace Cai.Pipeline.Runner;

/// <summary>
/// A line of <c>&lt;stage&gt;.consumed.jsonl</c>: the input <paramref name="Id"/> was processed and all its outputs
/// written. A stage may turn an input into no output (a filtered item), so the outputs alone cannot tell.
/// </summary>
/// <param name="Id">The input id.</param>
public sealed record ConsumedRecord(string Id) : IRecord;
