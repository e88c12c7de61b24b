namespace Cai.Pipeline.Providers;

/// <summary>Log-probabilities were asked of a model client that cannot return them.</summary>
public sealed class LogProbabilitiesNotSupportedException(string message) : NotSupportedException(message);
