namespace Cai.Core.Records;

/// <summary>
/// A supervised fine-tuning row in TRL's conversational format: <c>messages</c> ending in the assistant turn to train
/// on (SL-CAI's final revision), plus the id and lineage of the revised sample it came from, which TRL ignores.
/// </summary>
public sealed record SftRecord : IRecord, IValidatable
{
    /// <summary>The stable id (the revised sample's id).</summary>
    public required string Id { get; init; }

    /// <summary>The conversation; the last message is the assistant answer trained on.</summary>
    public required IReadOnlyList<Message> Messages { get; init; }

    /// <summary>The constitution, principles, models, sampling and seed that produced the answer.</summary>
    public Lineage? Lineage { get; init; }

    /// <inheritdoc />
    public FieldError? Validate() =>
        FieldError.NotBlank(Id, "id")
        ?? FieldError.Messages(Messages, "messages")
        ?? (Messages[^1].Role != ChatRole.Assistant ? new FieldError("messages", "must end with an assistant message") : null);
}
