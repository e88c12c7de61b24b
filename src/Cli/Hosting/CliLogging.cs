using Cai.Core.Secrets;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Cai.Cli.Hosting;

/// <summary>
/// Serilog for the CLI: human-readable lines on stderr (respecting --log-level and --quiet) and, for a run, a
/// JSON-lines log file under the run directory. Libraries see only the resulting <see cref="ILoggerFactory"/>.
/// </summary>
internal sealed class CliLogging : IDisposable
{
    readonly Logger logger;

    /// <summary>Creates the logger; <paramref name="runDirectory"/> adds <c>logs/cai-*.json</c> under it.</summary>
    public CliLogging(TextWriter console, LogEventLevel level, bool quiet, string? runDirectory)
    {
        var consoleLevel = quiet && level < LogEventLevel.Warning ? LogEventLevel.Warning : level;
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .Enrich.FromLogContext()
            .WriteTo.Sink(new TextWriterSink(console, new RedactingFormatter(new MessageTemplateTextFormatter(
                "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}"), SecretRedactor.Process)), consoleLevel);
        if (runDirectory is not null)
        {
            LogFilePath = Path.Combine(runDirectory, "logs", $"cai-{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}-{Environment.ProcessId}.json");
            Directory.CreateDirectory(Path.GetDirectoryName(LogFilePath)!);
            config = config.WriteTo.File(new RedactingFormatter(new CompactJsonFormatter(), SecretRedactor.Process), LogFilePath, flushToDiskInterval: TimeSpan.FromSeconds(1));
        }
        logger = config.CreateLogger();
        Factory = new SerilogLoggerFactory(logger, dispose: false);
    }

    /// <summary>The JSON log file of this process, when a run directory was given.</summary>
    public string? LogFilePath { get; }

    /// <summary>The factory libraries log through.</summary>
    public ILoggerFactory Factory { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Factory.Dispose();
        logger.Dispose();
    }
}
