namespace Cai.Core.Records;

/// <summary>
/// The samples drawn for one prompt, as the pipeline's group step gathers them (generated or revised samples) and the
/// <c>prefs</c> stage takes them: its pairs come from each revised sample and from comparing the samples. Its id is
/// the prompt id.
/// </summary>
public sealed record SampleGroup : IRecord, IValidatable, IPartialRecord
{
    /// <summary>The prompt id.</summary>
    public required string Id { get; init; }

    /// <summary>The prompt conversation.</summary>
    public required IReadOnlyList<Message> Messages { get; init; }

    /// <summary>The samples, in sample-index order (<see cref="RevisedRecord"/>s after the revise stage).</summary>
    public required IReadOnlyList<SampleRecord> Samples { get; init; }

    /// <summary>False when some samples had not arrived (they failed upstream); the prompt is not marked consumed then.</summary>
    public bool IsComplete { get; init; } = true;

    /// <summary>Groups samples by prompt id, in first-seen order, each group ordered by sample index.</summary>
    public static IReadOnlyList<SampleGroup> From(IEnumerable<SampleRecord> samples) =>
        [.. samples.GroupBy(s => s.PromptId).Select(g => new SampleGroup
        {
            Id = g.Key,
            Messages = g.First().Messages,
            Samples = [.. g.OrderBy(s => s.SampleIndex)],
        })];

    /// <inheritdoc />
    public FieldError? Validate()
    {
        if ((FieldError.NotBlank(Id, "id") ?? FieldError.Messages(Messages, "messages") ?? FieldError.NotEmpty(Samples, "samples")) is { } error)
            return error;
        for (var i = 0; i < Samples.Count; i++)
            if (Samples[i] is null)
                return new FieldError($"samples[{i}]", "must not be null");
            else if (Samples[i].PromptId != Id)
                return new FieldError($"samples[{i}].prompt_id", $"must be the group id '{Id}'");
        return null;
    }
}
