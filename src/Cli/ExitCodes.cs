namespace Cai.Cli;

/// <summary>Process exit codes of <c>cai</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    public const int Success = 0;

    /// <summary>A user error (bad input, invalid file, failed validation) or a failed run.</summary>
    public const int Failure = 1;

    /// <summary>
    /// A run finished but not every input reached every stage: items failed (see <c>&lt;stage&gt;.failed.jsonl</c>).
    /// <c>--allow-failures</c> accepts them (exit 0 with a warning) unless every item of a stage failed.
    /// </summary>
    public const int ItemsFailed = 3;
}
