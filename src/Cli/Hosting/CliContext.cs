using Cai.Models;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace Cai.Cli.Hosting;

/// <summary>
/// What a command handler needs from the process: its output streams and the logging it was started with.
/// The composition root: libraries receive <see cref="ILoggerFactory"/>, only this class knows Serilog.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error) : IDisposable
{
    CliLogging? logging;
    int? threadsOption;
    IDisposable? threads;

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
        threadsOption = parse.GetValue(GlobalOptions.Threads); // checked when a command applies it
    }

    /// <summary>
    /// Sets torch's thread count for the rest of the command, once, by <see cref="TorchThreads"/>' policy:
    /// <c>--threads</c>, then CAI_THREADS, then <paramref name="configured"/> (a pipeline's <c>threads:</c>), then one.
    /// Commands call it before they load a model; <see cref="Dispose"/> restores the previous count.
    /// </summary>
    public void UseTorchThreads(int? configured = null)
    {
        if (threads is not null)
            return;
        try
        {
            threads = TorchThreads.Apply(TorchThreads.Resolve(threadsOption, Environment.GetEnvironmentVariable, configured));
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message, inner: e);
        }
    }

    /// <summary>Adds a JSON log file under <c>runDirectory/logs/</c> for the rest of the process.</summary>
    /// <param name="runDirectory">The run directory.</param>
    /// <param name="console">False while a live progress display owns the terminal: logs then go to the file only.</param>
    public void UseRunDirectory(string runDirectory, bool console = true)
    {
        logging?.Dispose();
        logging = new CliLogging(console ? Error : TextWriter.Null, LogLevel, Quiet, runDirectory);
    }

    /// <summary>Stops console logging while a live progress display owns the terminal (no run directory, no log file).</summary>
    public void LeaveConsoleToProgress()
    {
        logging?.Dispose();
        logging = new CliLogging(TextWriter.Null, LogLevel, Quiet, null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        logging?.Dispose();
        threads?.Dispose();
    }
}
