namespace Cai.Core.Storage;

/// <summary>A record read from a JSONL file, with the 1-based line it came from.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="LineNumber">The 1-based line number in the file.</param>
/// <param name="Record">The record.</param>
public readonly record struct JsonlLine<T>(int LineNumber, T Record);
