using Cai.Core.Records;
using Cai.Core.Stages;
using Cai.Preference;

namespace Cai.Pipeline.Composition;

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
