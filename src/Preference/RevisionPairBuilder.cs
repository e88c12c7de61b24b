using Cai.Core.Records;

namespace Cai.Preference;

/// <summary>
/// SL-CAI pairs, as in the HF constitutional-ai recipe: the prompt is the conversation, chosen the final revision (or
/// a chosen round's), rejected the initial response. The label is hard, so <see cref="PreferencePair.LabelProb"/> is null.
/// </summary>
public sealed class RevisionPairBuilder : IPairBuilder<RevisedRecord>
{
    readonly RevisionPairOptions options;

    /// <summary>A builder with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="RevisionPairOptions.Round"/> is negative.</exception>
    public RevisionPairBuilder(RevisionPairOptions? options = null)
    {
        this.options = options ?? new RevisionPairOptions();
        if (this.options.Round is < 0)
            throw new ArgumentOutOfRangeException(nameof(options), this.options.Round, "RevisionPairOptions.Round must be >= 0.");
    }

    /// <summary>The pair made from <paramref name="record"/>, or the reason there is none.</summary>
    /// <exception cref="ArgumentException">The chosen round does not exist or is still pending.</exception>
    public PairOutcome Build(RevisedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (chosen, flags) = options.Round is { } round
            ? (RoundOf(record, round).Revision!, RoundOf(record, round).Flags)
            : (record.Final.Content, record.Flags);
        if (options.ExcludeFlagged && flags is { Count: > 0 })
            return PairOutcome.Dropped(record.Id, PairRejection.Flagged);
        var pair = new PreferencePair
        {
            Id = record.Id,
            Prompt = record.Messages,
            Chosen = [Message.Assistant(chosen)],
            Rejected = [record.Response],
            Source = PreferenceSource.Revision,
            PrincipleIds = [.. record.Rounds.Take((options.Round ?? record.Rounds.Count - 1) + 1).Select(r => r.PrincipleId)],
            Lineage = record.Lineage,
        };
        return PairOutcome.Kept(pair);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PairOutcome>> BuildAsync(RevisedRecord input, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PairOutcome>>([Build(input)]);

    static RevisionRound RoundOf(RevisedRecord record, int round)
    {
        if (round >= record.Rounds.Count)
            throw new ArgumentException(
                $"Record '{record.Id}' has {record.Rounds.Count} rounds; RevisionPairOptions.Round {round} does not exist (field 'rounds').");
        return record.Rounds[round].Revision is null
            ? throw new ArgumentException($"Record '{record.Id}', rounds[{round}].revision is pending; run the revise stage first.")
            : record.Rounds[round];
    }
}
