using Cai.Core.Records;

namespace Cai.Pipeline.Evaluation;

/// <summary>
/// One multiple-choice comparison of the CAI paper's 438 HHH evaluations: a prompt ending in "The answer is:",
/// the correct continuation(s) (e.g. " (B)") and the incorrect one(s). Other fields of the file are ignored.
/// </summary>
public sealed record HhhComparison : IValidatable
{
    /// <summary>The question with both options, ending where the answer goes.</summary>
    public required string Prompt { get; init; }

    /// <summary>The correct continuations.</summary>
    public required IReadOnlyList<string> Corrects { get; init; }

    /// <summary>The incorrect continuations.</summary>
    public required IReadOnlyList<string> Incorrects { get; init; }

    /// <inheritdoc />
    public FieldError? Validate() =>
        FieldError.NotBlank(Prompt, "prompt")
        ?? FieldError.NotEmpty(Corrects, "corrects")
        ?? FieldError.NotEmpty(Incorrects, "incorrects")
        ?? (Corrects.Concat(Incorrects).Any(string.IsNullOrEmpty) ? new FieldError("corrects", "options must not be empty") : null);
}
