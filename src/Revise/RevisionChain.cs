namespace Cai.Revise;

/// <summary>
/// N critique-then-revise rounds chained as in Bai et al. 2022 (section 3.1): each round draws a new principle, the
/// critic critiques the current text and the reviser rewrites it; every intermediate round is kept and
/// <see cref="RevisedRecord.Final"/> is the last revision. A row that already has rounds continues from them (a pending
/// round is completed first) until it has <see cref="ReviseOptions.Rounds"/> rounds.
/// </summary>
public sealed class RevisionChain : IStage<SampleRecord, RevisedRecord>
{
    readonly ICritic critic;
    readonly PrincipleChooser chooser;
    readonly RoundReviser reviser;
    readonly Constitution constitution;
    readonly string model;
    readonly ReviseOptions options;
    readonly int rounds;

    /// <summary>A revision chain.</summary>
    /// <param name="critic">Who critiques each round (a model critic or the rules critic).</param>
    /// <param name="reviser">The model that writes revisions (the critic's model or the policy).</param>
    /// <param name="reviserModel">The reviser's model spec, recorded in lineage under <c>reviser</c>.</param>
    /// <param name="chooser">Draws each round's principle, usually <see cref="PrincipleSampler.Next"/>.</param>
    /// <param name="constitution">The constitution the principles come from.</param>
    /// <param name="options">Rounds, seed and chat options; null for defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">The number of rounds is below 1, or an option is outside its range.</exception>
    public RevisionChain(ICritic critic, IChatClient reviser, string reviserModel, PrincipleChooser chooser,
        Constitution constitution, ReviseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reviser);
        ArgumentException.ThrowIfNullOrWhiteSpace(reviserModel);
        this.critic = critic ?? throw new ArgumentNullException(nameof(critic));
        this.chooser = chooser ?? throw new ArgumentNullException(nameof(chooser));
        this.constitution = constitution ?? throw new ArgumentNullException(nameof(constitution));
        this.options = options ?? new ReviseOptions();
        this.options.Validate();
        rounds = this.options.Rounds ?? constitution.Defaults.Rounds;
        if (rounds < 1)
            throw new ArgumentOutOfRangeException(nameof(options), rounds, "ReviseOptions.Rounds must be at least 1.");
        model = reviserModel;
        this.reviser = new RoundReviser(reviser, this.options.FewShot ? FewShotTurns.Render(constitution) : [],
            this.options.Chat ?? constitution.Defaults.ToChatOptions(), Stats);
    }

    /// <inheritdoc />
    public string Name => options.Name;

    /// <summary>The rounds each item gets.</summary>
    public int Rounds => rounds;

    /// <summary>Counts of revised and unchanged rounds and of flagged finals.</summary>
    public RevisionStats Stats { get; } = new();

    /// <inheritdoc />
    public async Task<StageResult<RevisedRecord>> ProcessAsync(SampleRecord input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rounds = new List<RevisionRound>((input as RevisedRecord)?.Rounds ?? []);
        try
        {
            if (rounds.Count > 0 && rounds[^1].IsPending)
                rounds[^1] = await ReviseAsync(input, rounds.Take(rounds.Count - 1), rounds[^1], cancellationToken).ConfigureAwait(false);
            while (rounds.Count < this.rounds)
            {
                var pending = await CritiqueRound.CritiqueAsync(critic, chooser, input, rounds, cancellationToken).ConfigureAwait(false);
                rounds.Add(await ReviseAsync(input, rounds, pending, cancellationToken).ConfigureAwait(false));
            }
            var models = new Dictionary<string, string> { ["critic"] = critic.Model, ["reviser"] = model };
            return StageResult<RevisedRecord>.Ok(reviser.Finish(input, rounds, RoundLineage.For(input, constitution, rounds, models, options.RunSeed)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return StageResult<RevisedRecord>.Failed(input.Id, Name, ex);
        }
    }

    // Revises pending against the text left by the rounds before it.
    Task<RevisionRound> ReviseAsync(SampleRecord input, IEnumerable<RevisionRound> before, RevisionRound pending, CancellationToken ct) =>
        reviser.CompleteAsync(input.Messages, CritiqueRound.CurrentText(input, [.. before]), pending, constitution.GetPrinciple(pending.PrincipleId), ct);
}
