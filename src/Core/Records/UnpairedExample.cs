namespace Cai.Core.Records;

/// <summary>An unpaired example for KTO (Ethayarajh et al. 2024) in TRL's columns: prompt, completion, label.</summary>
public sealed record UnpairedExample : IRecord, IValidatable
{
    /// <summary>The stable id.</summary>
    public required string Id { get; init; }

    /// <summary>The prompt conversation.</summary>
    public required IReadOnlyList<Message> Prompt { get; init; }

    /// <summary>The completion (assistant messages).</summary>
    public required IReadOnlyList<Message> Completion { get; init; }

    /// <summary>True when the completion is desirable.</summary>
    public required bool Label { get; init; }

    /// <summary>The constitution, models, sampling and seed that produced this example.</summary>
    public Lineage? Lineage { get; init; }

    /// <inheritdoc />
    public FieldError? Validate() =>
        FieldError.NotBlank(Id, "id")
        ?? FieldError.Messages(Prompt, "prompt")
        ?? FieldError.Messages(Completion, "completion", ChatRole.Assistant);
}
