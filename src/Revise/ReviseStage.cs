namespace Cai.Revise;

/// <summary>
/// <c>cai revise</c>: fills the pending round of a critiqued row (from the critique stage) with the reviser's answer
/// to the principle's revision request. The reviser is whichever client the caller passes: the critic, as in the
/// paper, or the policy.
/// </summary>
public sealed class ReviseStage : IStage<RevisedRecord, RevisedRecord>
{
    readonly RoundReviser reviser;
    readonly Constitution constitution;
    readonly string model;
    readonly ReviseOptions options;

    /// <summary>A revise stage.</summary>
    /// <param name="reviser">The model that writes revisions.</param>
    /// <param name="reviserModel">Its model spec, recorded in lineage under <c>reviser</c>.</param>
    /// <param name="constitution">The constitution whose principles the rounds name.</param>
    /// <param name="options">Stage options; null for defaults.</param>
    public ReviseStage(IChatClient reviser, string reviserModel, Constitution constitution, ReviseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reviser);
        ArgumentException.ThrowIfNullOrWhiteSpace(reviserModel);
        this.constitution = constitution ?? throw new ArgumentNullException(nameof(constitution));
        this.options = options ?? new ReviseOptions();
        this.options.Validate();
        model = reviserModel;
        this.reviser = new RoundReviser(reviser, this.options.FewShot ? FewShotTurns.Render(constitution) : [],
            this.options.Chat ?? constitution.Defaults.ToChatOptions(), Stats);
    }

    /// <inheritdoc />
    public string Name => options.Name;

    /// <summary>Counts of revised and unchanged rounds and of flagged finals.</summary>
    public RevisionStats Stats { get; } = new();

    /// <inheritdoc />
    public async Task<StageResult<RevisedRecord>> ProcessAsync(RevisedRecord input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var index = input.Rounds.Count - 1;
        if (index < 0 || !input.Rounds[index].IsPending)
            return StageResult<RevisedRecord>.Failed(input.Id, Name, ErrorKinds.InvalidInput,
                "the row has no critiqued round waiting for a revision (field 'rounds'); run the critique stage first");
        try
        {
            var pending = input.Rounds[index];
            var principle = constitution.GetPrinciple(pending.PrincipleId);
            var round = await reviser.CompleteAsync(input.Messages, input.InputOf(index), pending, principle, cancellationToken)
                .ConfigureAwait(false);
            IReadOnlyList<RevisionRound> rounds = [.. input.Rounds.Take(index), round];
            var lineage = RoundLineage.For(input, constitution, rounds, new Dictionary<string, string> { ["reviser"] = model }, options.RunSeed);
            return StageResult<RevisedRecord>.Ok(reviser.Finish(input, rounds, lineage));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return StageResult<RevisedRecord>.Failed(input.Id, Name, ex);
        }
    }
}
