namespace Cai.Pipeline.Providers;

/// <summary>An API key or endpoint environment variable that a model needs is not set.</summary>
public sealed class MissingApiKeyException : InvalidOperationException
{
    /// <summary>Creates the exception; the message names the variable, never a value.</summary>
    public MissingApiKeyException(ModelSpec spec, string variable)
        : base($"Model '{spec}' needs the environment variable {variable}, which is not set.")
    {
        Variable = variable;
    }

    /// <summary>The environment variable that is missing.</summary>
    public string Variable { get; }
}
