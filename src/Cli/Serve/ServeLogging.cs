using Microsoft.Extensions.Logging;

namespace Cai.Cli.Serve;

/// <summary>
/// Routes ASP.NET Core's logs into the CLI's logger factory with their Information events lowered to Debug: the
/// framework writes five lines per request (request starting and finished, endpoint executing and executed, result
/// written) and four at startup, which <c>--log-level debug</c> still shows while the default level sees only
/// <see cref="ServeMiddleware"/>'s one summary line per request.
/// </summary>
sealed class ServeLogging(ILoggerFactory inner) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName.StartsWith("Microsoft.", StringComparison.Ordinal) ? new Lowered(logger) : logger;
    }

    public void Dispose()
    {
        // The factory belongs to the CLI.
    }

    sealed class Lowered(ILogger logger) : ILogger
    {
        // A failed bind is rethrown by ServeHost and reported by the CLI as one line; the host's own error event
        // (with a 25-line stack) stays for --log-level debug.
        static LogLevel Map(LogLevel level, Exception? exception = null) =>
            level == LogLevel.Information || exception is IOException or Microsoft.AspNetCore.Connections.AddressInUseException
                ? LogLevel.Debug
                : level;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logger.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logger.IsEnabled(Map(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) => logger.Log(Map(logLevel, exception), eventId, state, exception, formatter);
    }
}
