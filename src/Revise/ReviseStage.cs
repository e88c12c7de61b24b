namespace Cai.Revise;

/// <summary>
/// <c>cai revise</c>: fills the pending round of a critiqued row (from the critique stage) with the reviser's answer
/// to the principle's revision request. The reviser is whichever client the caller passes: the critic, as in the
/// paper, or the policy.
/// </summary>
public sealed class ReviseStage : IStage<RevisedRecord, RevisedRecord>
{
    readonly RoundReviser _reviser;
    readonly Constitution _constitution;
    readonly string _model;
    readonly ReviseOptions _options;

    /// <summary>A revise stage.</summary>
    /// <param name="reviser">The model that writes revisions.</param>
    /// <param name="reviserModel">Its model spec, recorded in lineage under <c>reviser</c>.</param>
    /// <param name="constitution">The constitution whose principles the rounds name.</param>
    /// <param name="options">Stage options; null for defaults.</param>
    public ReviseStage(IChatClient reviser, string reviserModel, Constitution constitution, ReviseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reviser);
        ArgumentException.ThrowIfNullOrWhiteSpace(reviserModel);
        _constitution = constitution ?? throw new ArgumentNullException(nameof(constitution));
        _options = options ?? new ReviseOptions();
        _model = reviserModel;
        _reviser = new RoundReviser(reviser, _options.FewShot ? FewShotTurns.Render(constitution) : [],
            _options.Chat ?? constitution.Defaults.ToChatOptions(), Stats);
    }

    /// <inheritdoc />
    public string Name => _options.Name;

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
            var principle = _constitution.GetPrinciple(pending.PrincipleId);
            var round = await _reviser.CompleteAsync(input.Messages, input.InputOf(index), pending, principle, cancellationToken)
                .ConfigureAwait(false);
            IReadOnlyList<RevisionRound> rounds = [.. input.Rounds.Take(index), round];
            var seed = _options.RunSeed is { } run ? SeededRandom.DeriveSeed(run, input.Id) : (long?)null;
            var lineage = RoundLineage.For(input, _constitution, rounds, new Dictionary<string, string> { ["reviser"] = _model }, seed);
            return StageResult<RevisedRecord>.Ok(_reviser.Finish(input, rounds, lineage));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return StageResult<RevisedRecord>.Failed(input.Id, Name, ex);
        }
    }
}
