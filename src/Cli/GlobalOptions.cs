using Serilog.Events;

namespace Cai.Cli;

/// <summary>Options every subcommand accepts.</summary>
internal static class GlobalOptions
{
    /// <summary><c>--log-level</c>: minimum level of console and file logs.</summary>
    public static readonly Option<LogEventLevel> LogLevel = new Option<LogEventLevel>("--log-level")
    {
        Description = "Minimum log level of console and file logs.",
        DefaultValueFactory = _ => LogEventLevel.Information,
        Recursive = true,
    }.WithChoices();

    /// <summary><c>--quiet</c>: only warnings and errors on the console.</summary>
    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Print only warnings and errors to the console (log files keep the full level).",
        Recursive = true,
    };

    /// <summary><c>--threads</c>: torch intra-op threads for commands that run a model.</summary>
    public static readonly Option<int?> Threads = new("--threads")
    {
        Description = "Torch threads for in-process models (default 1, or CAI_THREADS); more helps only on an idle machine with a large model.",
        Recursive = true,
    };
}
