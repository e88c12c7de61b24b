using System.CommandLine;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace Cai.Cli.Hosting;

/// <summary>
/// What a command handler needs from the process: its output streams and the logging it was started with.
/// The composition root: libraries receive <see cref="ILoggerFactory"/>, only this class knows Serilog.
/// </summary>
public sealed class CliContext(TextWriter output, TextWriter error) : IDisposable
{
    CliLogging? logging;

    /// <summary>Standard output (results, tables).</summary>
    public TextWriter Output { get; } = output;

    /// <summary>Standard error (diagnostics, errors).</summary>
    public TextWriter Error { get; } = error;

    /// <summary>The minimum log level chosen with <c>--log-level</c>.</summary>
    public LogEventLevel LogLevel { get; private set; } = LogEventLevel.Information;

    /// <summary>Whether <c>--quiet</c> was given.</summary>
    public bool Quiet { get; private set; }

    /// <summary>True when errors should show their stack trace (debug or verbose logging).</summary>
    public bool ShowStackTraces => LogLevel <= LogEventLevel.Debug;

    /// <summary>Logger factory for libraries; console only until <see cref="UseRunDirectory"/> adds a file.</summary>
    public ILoggerFactory LoggerFactory => (logging ??= new CliLogging(Error, LogLevel, Quiet, null)).Factory;

    /// <summary>Reads the global options from a parse result.</summary>
    public void Configure(ParseResult parse)
    {
        if (parse.Errors.Count > 0) return;
        LogLevel = parse.GetChoice(GlobalOptions.LogLevel);
        Quiet = parse.GetValue(GlobalOptions.Quiet);
    }

    /// <summary>Adds a JSON log file under <c>runDirectory/logs/</c> for the rest of the process.</summary>
    /// <param name="runDirectory">The run directory.</param>
    /// <param name="console">False while a live progress display owns the terminal: logs then go to the file only.</param>
    public void UseRunDirectory(string runDirectory, bool console = true)
    {
        logging?.Dispose();
        logging = new CliLogging(console ? Error : TextWriter.Null, LogLevel, Quiet, runDirectory);
    }

    /// <inheritdoc />
    public void Dispose() => logging?.Dispose();
}
