namespace Cai.Critique;

/// <summary>
/// <c>cai critique</c>: one critique round per item. A sample (or a row with earlier rounds) gets a new round with a
/// freshly drawn principle and the critic's critique, its revision pending for the revise stage; the final answer
/// stays the current text.
/// </summary>
public sealed class CritiqueStage : IStage<SampleRecord, RevisedRecord>
{
    readonly ICritic critic;
    readonly PrincipleChooser chooser;
    readonly Constitution constitution;
    readonly CritiqueStageOptions options;

    /// <summary>A critique stage.</summary>
    /// <param name="critic">Who critiques (<see cref="ModelCritic"/> or <see cref="RulesCritic"/>).</param>
    /// <param name="chooser">Draws each round's principle, usually <see cref="PrincipleSampler.Next"/>.</param>
    /// <param name="constitution">The constitution the principles come from (recorded in lineage).</param>
    /// <param name="options">Stage options; null for defaults.</param>
    public CritiqueStage(ICritic critic, PrincipleChooser chooser, Constitution constitution, CritiqueStageOptions? options = null)
    {
        this.critic = critic ?? throw new ArgumentNullException(nameof(critic));
        this.chooser = chooser ?? throw new ArgumentNullException(nameof(chooser));
        this.constitution = constitution ?? throw new ArgumentNullException(nameof(constitution));
        this.options = options ?? new CritiqueStageOptions();
    }

    /// <inheritdoc />
    public string Name => options.Name;

    /// <inheritdoc />
    public async Task<StageResult<RevisedRecord>> ProcessAsync(SampleRecord input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var previous = (input as RevisedRecord)?.Rounds ?? [];
        if (previous.Any(r => r.IsPending))
            return StageResult<RevisedRecord>.Failed(input.Id, Name, ErrorKinds.InvalidInput,
                "the row already has a critiqued round waiting for its revision; run the revise stage first");
        try
        {
            var round = await CritiqueRound.CritiqueAsync(critic, chooser, input, previous, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<RevisionRound> rounds = [.. previous, round];
            return StageResult<RevisedRecord>.Ok(ToRevised(input, rounds, CritiqueRound.CurrentText(input, previous)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return StageResult<RevisedRecord>.Failed(input.Id, Name, ex);
        }
    }

    RevisedRecord ToRevised(SampleRecord input, IReadOnlyList<RevisionRound> rounds, string current) =>
        RevisedRecord.From(input, rounds, Message.Assistant(current),
            RoundLineage.For(input, constitution, rounds, new Dictionary<string, string> { ["critic"] = critic.Model }, options.RunSeed),
            (input as RevisedRecord)?.Flags);
}
