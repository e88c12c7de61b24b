using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Core.Stages;

namespace Cai.Preference;

/// <summary>
/// <c>cai prefs</c> in <c>feedback</c> mode: AI-labelled pairs from the samples of one prompt
/// (<see cref="FeedbackPairBuilder"/>), run through the <see cref="PairFilter"/>. Dropped candidates are counted in
/// <see cref="Counts"/>; a failed model call fails the whole group so a retry relabels it.
/// </summary>
public sealed class FeedbackPairStage : IStage<SampleGroup, PreferencePair>
{
    readonly FeedbackPairBuilder _builder;
    readonly PairFilter _filter;

    /// <summary>A feedback-pair stage.</summary>
    /// <param name="builder">Labels and builds the pairs.</param>
    /// <param name="filter">Drops unusable pairs.</param>
    /// <param name="name">The stage name, also its output file name.</param>
    public FeedbackPairStage(FeedbackPairBuilder builder, PairFilter filter, string name = "pairs")
    {
        _builder = builder ?? throw new ArgumentNullException(nameof(builder));
        _filter = filter ?? throw new ArgumentNullException(nameof(filter));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Pairs kept and dropped by reason.</summary>
    public PairCounts Counts { get; } = new();

    /// <inheritdoc />
    public async Task<StageResult<PreferencePair>> ProcessAsync(SampleGroup input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var outcomes = await _builder.BuildAsync(input, cancellationToken).ConfigureAwait(false);
            return StageResult<PreferencePair>.Ok(PairOutputs.Keep(outcomes, _filter, Counts));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return StageResult<PreferencePair>.Failed(input.Id, Name, ex);
        }
    }
}
