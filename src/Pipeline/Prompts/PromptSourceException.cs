using Cai.Core.Storage;

namespace Cai.Pipeline.Prompts;

/// <summary>A prompts file has a line that cannot be read; the message is <c>file:line: reason (field 'x')</c>.</summary>
public sealed class PromptSourceException(JsonlDiagnostic diagnostic)
    : FormatException($"Bad prompt: {diagnostic}")
{
    /// <summary>The offending line.</summary>
    public JsonlDiagnostic Diagnostic { get; } = diagnostic;
}
