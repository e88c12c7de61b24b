namespace Cai.Cli;

/// <summary>A user error the CLI reports as one line (no stack trace) with a non-zero exit code.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Failure, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The exit code the process returns.</summary>
    public int ExitCode { get; } = exitCode;
}
