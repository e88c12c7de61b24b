using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Cai.Cli.Hosting;

/// <summary>Writes formatted log events to a <see cref="TextWriter"/> (the CLI's stderr, or a test's buffer).</summary>
sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    readonly Lock gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
