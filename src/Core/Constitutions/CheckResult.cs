namespace Cai.Core.Constitutions;

/// <summary>The outcome of one machine check on one text.</summary>
/// <param name="CheckName">The check's name.</param>
/// <param name="Violated">True when the text breaks the check.</param>
/// <param name="Finding">A human-readable finding naming what matched, e.g. "lexicon 'scary-words' matched: monster, dark".</param>
public sealed record CheckResult(string CheckName, bool Violated, string Finding);
