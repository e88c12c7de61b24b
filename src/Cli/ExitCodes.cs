namespace Cai.Cli;

/// <summary>Process exit codes of <c>cai</c>.</summary>
public static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    public const int Success = 0;

    /// <summary>A user error (bad input, invalid file, failed validation) or a failed run.</summary>
    public const int Failure = 1;
}
