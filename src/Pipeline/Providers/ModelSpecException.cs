using Cai.Core.Secrets;

namespace Cai.Pipeline.Providers;

/// <summary>A model spec string that cannot be parsed; the message names the spec and what is wrong.</summary>
public sealed class ModelSpecException : FormatException
{
    /// <summary>Creates the exception for <paramref name="spec"/>; a password in a URL of the spec is masked in the message.</summary>
    public ModelSpecException(string spec, string problem)
        : base(SecretRedactor.Process.Redact($"Invalid model spec '{spec}': {problem}"))
    {
        Spec = spec;
    }

    /// <summary>The spec text as given.</summary>
    public string Spec { get; }
}
