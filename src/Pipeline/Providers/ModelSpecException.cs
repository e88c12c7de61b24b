namespace Cai.Pipeline.Providers;

/// <summary>A model spec string that cannot be parsed; the message names the spec and what is wrong.</summary>
public sealed class ModelSpecException : FormatException
{
    /// <summary>Creates the exception for <paramref name="spec"/>.</summary>
    public ModelSpecException(string spec, string problem)
        : base($"Invalid model spec '{spec}': {problem}")
    {
        Spec = spec;
    }

    /// <summary>The spec text as given.</summary>
    public string Spec { get; }
}
