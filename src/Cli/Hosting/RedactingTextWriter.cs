using System.Text;
using Cai.Core.Secrets;

namespace Cai.Cli.Hosting;

/// <summary>
/// Stdout and stderr of the CLI through <see cref="SecretRedactor"/>: every string written is redacted before it
/// reaches the terminal or a pipe. Whole strings are redacted (the writers here write messages and lines whole); single
/// characters pass through, so interactive prompts still appear at once.
/// </summary>
sealed class RedactingTextWriter(TextWriter inner, SecretRedactor redactor) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(value is null ? null : redactor.Redact(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : redactor.Redact(value));

    public override void WriteLine() => inner.WriteLine();

    public override Task WriteAsync(string? value) => inner.WriteAsync(value is null ? null : redactor.Redact(value));

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(value is null ? null : redactor.Redact(value));

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();
}
