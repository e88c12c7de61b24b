namespace Cai.Core.Storage;

/// <summary>Everything read from a JSONL file: the good records and one diagnostic per bad line.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Records">The records that parsed and validated, in file order.</param>
/// <param name="Diagnostics">The lines that did not, in file order.</param>
public sealed record JsonlReadResult<T>(IReadOnlyList<JsonlLine<T>> Records, IReadOnlyList<JsonlDiagnostic> Diagnostics);
