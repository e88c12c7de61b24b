namespace Cai.Core.Records;

/// <summary>
/// A policy model's answer to a prompt: the prompt's conversation plus <c>"response"</c>, <c>"sample_index"</c>,
/// <c>"model"</c> and <c>"sampling"</c>. Its id is usually <c>{prompt_id}#{sample_index}</c>.
/// </summary>
public record SampleRecord : IRecord, IValidatable
{
    /// <summary>The stable id of this sample.</summary>
    public required string Id { get; init; }

    /// <summary>The id of the prompt answered.</summary>
    public required string PromptId { get; init; }

    /// <summary>The prompt conversation.</summary>
    public required IReadOnlyList<Message> Messages { get; init; }

    /// <summary>The model's answer (role assistant).</summary>
    public required Message Response { get; init; }

    /// <summary>Which of the samples drawn for this prompt (0-based).</summary>
    public int SampleIndex { get; init; }

    /// <summary>The model spec that answered, e.g. <c>ollama:llama3.1:8b</c>.</summary>
    public required string Model { get; init; }

    /// <summary>How the answer was sampled.</summary>
    public SamplingParameters? Sampling { get; init; }

    /// <summary>The per-item seed.</summary>
    public long? Seed { get; init; }

    /// <inheritdoc />
    public virtual FieldError? Validate() =>
        FieldError.NotBlank(Id, "id")
        ?? FieldError.NotBlank(PromptId, "prompt_id")
        ?? FieldError.Messages(Messages, "messages")
        ?? (Response.Role != ChatRole.Assistant ? new FieldError("response.role", "must be 'assistant'") : null)
        ?? (SampleIndex < 0 ? new FieldError("sample_index", "must be >= 0") : null)
        ?? FieldError.NotBlank(Model, "model");
}
