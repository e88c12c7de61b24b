using Microsoft.Extensions.Logging;

namespace Cai.Core.Tests.Storage;

/// <summary>A logger that keeps what it is told, for asserting on warnings.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    readonly Lock gate = new();

    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        lock (gate)
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
