namespace Cai.Core.Records;

/// <summary>
/// A preference pair in TRL's conversational columns (<c>prompt</c>, <c>chosen</c>, <c>rejected</c>), plus how it
/// was labelled and its lineage.
/// </summary>
public sealed record PreferencePair : IRecord, IValidatable
{
    /// <summary>The stable id.</summary>
    public required string Id { get; init; }

    /// <summary>The prompt conversation.</summary>
    public required IReadOnlyList<Message> Prompt { get; init; }

    /// <summary>The preferred continuation (assistant messages).</summary>
    public required IReadOnlyList<Message> Chosen { get; init; }

    /// <summary>The dispreferred continuation (assistant messages).</summary>
    public required IReadOnlyList<Message> Rejected { get; init; }

    /// <summary>How the pair was labelled.</summary>
    public required PreferenceSource Source { get; init; }

    /// <summary>The labeller's probability that chosen is better (a soft label, e.g. 0.83); null for hard labels.</summary>
    public double? LabelProb { get; init; }

    /// <summary>The principles the label was judged against.</summary>
    public IReadOnlyList<string>? PrincipleIds { get; init; }

    /// <summary>The constitution, models, sampling and seed that produced this pair.</summary>
    public Lineage? Lineage { get; init; }

    /// <inheritdoc />
    public FieldError? Validate() =>
        FieldError.NotBlank(Id, "id")
        ?? FieldError.Messages(Prompt, "prompt")
        ?? FieldError.Messages(Chosen, "chosen", ChatRole.Assistant)
        ?? FieldError.Messages(Rejected, "rejected", ChatRole.Assistant)
        ?? (LabelProb is < 0 or > 1 or double.NaN ? new FieldError("label_prob", "must be between 0 and 1") : null);
}
