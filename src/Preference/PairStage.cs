using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Core.Stages;

namespace Cai.Preference;

/// <summary>
/// <c>cai prefs</c>: candidate pairs from one input (<see cref="IPairBuilder{TInput}"/>: one SL-CAI pair per revised row,
/// or AI-labelled pairs from the samples of one prompt), run through the <see cref="PairFilter"/>. Dropped candidates
/// succeed with no output and are counted in <see cref="Counts"/>; a failed build (a model call, a round that does not
/// exist) fails the whole input, so a retry builds it again.
/// </summary>
/// <typeparam name="TInput">What pairs are made from: <see cref="RevisedRecord"/> or <see cref="SampleGroup"/>.</typeparam>
public sealed class PairStage<TInput> : IStage<TInput, PreferencePair> where TInput : IRecord
{
    readonly IPairBuilder<TInput> builder;
    readonly PairFilter filter;

    /// <summary>A pair stage.</summary>
    /// <param name="builder">Builds the candidate pairs.</param>
    /// <param name="filter">Drops unusable pairs.</param>
    /// <param name="name">The stage name, also its output file name.</param>
    public PairStage(IPairBuilder<TInput> builder, PairFilter filter, string name = "pairs")
    {
        this.builder = builder ?? throw new ArgumentNullException(nameof(builder));
        this.filter = filter ?? throw new ArgumentNullException(nameof(filter));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Pairs kept and dropped by reason.</summary>
    public PairCounts Counts { get; } = new();

    /// <inheritdoc />
    public async Task<StageResult<PreferencePair>> ProcessAsync(TInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        IReadOnlyList<PairOutcome> outcomes;
        try
        {
            outcomes = await builder.BuildAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return StageResult<PreferencePair>.Failed(input.Id, Name, ex);
        }

        var kept = new List<PreferencePair>();
        foreach (var outcome in outcomes)
            if ((outcome.Rejection ?? filter.Check(outcome.Pair!)) is { } reason)
                Counts.AddDropped(reason);
            else
            {
                Counts.AddKept();
                kept.Add(outcome.Pair!);
            }
        return StageResult<PreferencePair>.Ok(kept);
    }
}

/// <summary>How a <see cref="PairStage{TInput}"/> makes its candidate pairs from one input.</summary>
/// <typeparam name="TInput">What pairs are made from.</typeparam>
public interface IPairBuilder<in TInput>
{
    /// <summary>The candidate pairs of <paramref name="input"/>, each built or dropped with a reason.</summary>
    Task<IReadOnlyList<PairOutcome>> BuildAsync(TInput input, CancellationToken cancellationToken);
}

/// <summary>
/// The <c>prefs</c> step of <c>cai run</c>: one prompt's samples in, its preference pairs out. Revision pairs come
/// from each revised sample (a <see cref="PairStage{TInput}"/> of <see cref="RevisedRecord"/>), feedback pairs from the group
/// (one of <see cref="SampleGroup"/>); either may be off. A failure of either fails the prompt, so a retry redoes both
/// (pairs already written are not written twice), but the pairs made before the failure are kept: a feedback
/// comparison that times out does not discard the prompt's revision pairs.
/// </summary>
public sealed class PairsStage(PairStage<RevisedRecord>? revision, PairStage<SampleGroup>? feedback)
    : IStage<SampleGroup, PreferencePair>
{
    /// <summary>The stage name and output file stem.</summary>
    public const string StageName = "prefs";

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public async Task<StageResult<PreferencePair>> ProcessAsync(SampleGroup input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pairs = new List<PreferencePair>();
        if (revision is not null)
            foreach (var row in input.Samples.OfType<RevisedRecord>())
            {
                var result = await revision.ProcessAsync(row, cancellationToken).ConfigureAwait(false);
                if (result.Failure is { } failure)
                    return StageResult<PreferencePair>.Partial(pairs, failure with { Id = input.Id, Stage = Name });
                pairs.AddRange(result.Outputs);
            }
        if (feedback is not null && input.Samples.Count >= 2)
        {
            var result = await feedback.ProcessAsync(input, cancellationToken).ConfigureAwait(false);
            if (result.Failure is { } failure)
                return StageResult<PreferencePair>.Partial(pairs, failure with { Id = input.Id, Stage = Name });
            pairs.AddRange(result.Outputs);
        }
        return StageResult<PreferencePair>.Ok(pairs);
    }
}
