using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Cai.Core.Records;

/// <summary>
/// A sample after critique and revision: the sample's fields plus <c>"rounds"</c>, the <c>"final"</c> answer and
/// the lineage (constitution, principles, models), written after the sample's fields. A critique-only row has rounds
/// and the original answer as final.
/// </summary>
public sealed record RevisedRecord : SampleRecord
{
    /// <summary>The critique/revision rounds in order.</summary>
    [JsonPropertyOrder(1)]
    public required IReadOnlyList<RevisionRound> Rounds { get; init; }

    /// <summary>The answer after the last round (role assistant).</summary>
    [JsonPropertyOrder(2)]
    public required Message Final { get; init; }

    /// <summary>The constitution, principles, models, sampling and seed that produced this row.</summary>
    [JsonPropertyOrder(3)]
    public Lineage? Lineage { get; init; }

    /// <summary>Quality problems of <see cref="Final"/> against the original response; null or empty when none.</summary>
    [JsonPropertyOrder(4)]
    public IReadOnlyList<QualityFlag>? Flags { get; init; }

    /// <summary>A revised row with no fields set, for the JSON reader and initializers.</summary>
    public RevisedRecord()
    {
    }

    // Every field of the sample, copied by the record's own copy constructor, so a field SampleRecord gains is carried
    // without a change here.
    [SetsRequiredMembers]
    RevisedRecord(SampleRecord sample, IReadOnlyList<RevisionRound> rounds, Message final)
        : base(sample)
    {
        Rounds = rounds;
        Final = final;
    }

    /// <summary>A revised row carrying <paramref name="sample"/>'s fields (a sample, or an earlier revised row).</summary>
    public static RevisedRecord From(
        SampleRecord sample, IReadOnlyList<RevisionRound> rounds, Message final, Lineage? lineage,
        IReadOnlyList<QualityFlag>? flags) => new(sample, rounds, final)
    {
        Lineage = lineage,
        Flags = flags is { Count: > 0 } ? flags : null,
    };

    /// <summary>The text round <paramref name="round"/> revised: the response for round 0, else the previous revision.</summary>
    public string InputOf(int round) =>
        round == 0 ? Response.Content : Rounds[round - 1].Revision ?? InputOf(round - 1);

    /// <inheritdoc />
    public override FieldError? Validate() =>
        base.Validate()
        ?? FieldError.NotEmpty(Rounds, "rounds")
        ?? RoundsError()
        ?? (Final.Role != ChatRole.Assistant ? new FieldError("final.role", "must be 'assistant'") : null);

    FieldError? RoundsError()
    {
        for (var i = 0; i < Rounds.Count; i++)
            if (Rounds[i] is null)
                return new FieldError($"rounds[{i}]", "must not be null");
            else if (string.IsNullOrWhiteSpace(Rounds[i].PrincipleId))
                return new FieldError($"rounds[{i}].principle_id", "must not be empty");
        return null;
    }
}
