using Cai.Core.Records;
using Cai.Core.Stages;
using Cai.Pipeline.Runner;
using Cai.Preference;

namespace Cai.Pipeline.Composition;

/// <summary>
/// The <c>prefs</c> step of <c>cai run</c>: one prompt's samples in, its preference pairs out. Revision pairs come
/// from each revised sample (<see cref="RevisionPairStage"/>), feedback pairs from the group
/// (<see cref="FeedbackPairStage"/>); either may be off. A failure of either fails the prompt, so a retry redoes both
/// (pairs already written are not written twice), but the pairs made before the failure are kept: a feedback
/// comparison that times out does not discard the prompt's revision pairs.
/// </summary>
public sealed class PairsStage(RevisionPairStage? revision, FeedbackPairStage? feedback)
    : IStage<PromptGroup<SampleRecord>, PreferencePair>
{
    /// <summary>The stage name and output file stem.</summary>
    public const string StageName = "prefs";

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public async Task<StageResult<PreferencePair>> ProcessAsync(PromptGroup<SampleRecord> input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pairs = new List<PreferencePair>();
        if (revision is not null)
            foreach (var row in input.Items.OfType<RevisedRecord>())
            {
                var result = await revision.ProcessAsync(row, cancellationToken).ConfigureAwait(false);
                if (result.Failure is { } failure)
                    return StageResult<PreferencePair>.Partial(pairs, failure with { Id = input.Id, Stage = Name });
                pairs.AddRange(result.Outputs);
            }
        if (feedback is not null && input.Items.Count >= 2)
        {
            var group = new SampleGroup { Id = input.Id, Messages = input.Items[0].Messages, Samples = input.Items };
            var result = await feedback.ProcessAsync(group, cancellationToken).ConfigureAwait(false);
            if (result.Failure is { } failure)
                return StageResult<PreferencePair>.Partial(pairs, failure with { Id = input.Id, Stage = Name });
            pairs.AddRange(result.Outputs);
        }
        return StageResult<PreferencePair>.Ok(pairs);
    }
}
