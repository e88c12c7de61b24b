using Cai.Core.Secrets;
using Serilog.Events;
using Serilog.Formatting;

namespace Cai.Cli.Hosting;

/// <summary>
/// A Serilog formatter whose output passes through <see cref="SecretRedactor"/>: the message, its properties and the
/// exception text of every log event, on the console and in the JSON log file alike.
/// </summary>
sealed class RedactingFormatter(ITextFormatter inner, SecretRedactor redactor) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var buffer = new StringWriter(output.FormatProvider);
        inner.Format(logEvent, buffer);
        output.Write(redactor.Redact(buffer.ToString()));
    }
}
