namespace Cai.Core.Records;

/// <summary>
/// An item a stage gave up on, written to <c>&lt;stage&gt;.failed.jsonl</c>: a failed item is data, never a silent
/// drop and never a crash of the run.
/// </summary>
public sealed record FailureRecord : IRecord, IValidatable
{
    /// <summary>The id of the item that failed.</summary>
    public required string Id { get; init; }

    /// <summary>The stage that failed it, e.g. <c>critique</c>.</summary>
    public required string Stage { get; init; }

    /// <summary>A short machine-readable kind, e.g. <c>timeout</c>, <c>rate_limited</c>, <c>invalid_output</c>.</summary>
    public required string ErrorKind { get; init; }

    /// <summary>The human-readable error message.</summary>
    public required string Message { get; init; }

    /// <summary>How many attempts were made before giving up.</summary>
    public int Attempts { get; init; } = 1;

    /// <inheritdoc />
    public FieldError? Validate() =>
        FieldError.NotBlank(Id, "id")
        ?? FieldError.NotBlank(Stage, "stage")
        ?? FieldError.NotBlank(ErrorKind, "error_kind")
        ?? (Attempts < 1 ? new FieldError("attempts", "must be >= 1") : null);
}
