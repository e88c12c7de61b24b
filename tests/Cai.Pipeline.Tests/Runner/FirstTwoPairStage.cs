using Cai.Core.Records;
using Cai.Core.Stages;
using Cai.Pipeline.Runner;

namespace Cai.Pipeline.Tests.Runner;

/// <summary>A hand-written pair stage: the first two samples of a group, the second one preferred.</summary>
internal sealed class FirstTwoPairStage : IStage<PromptGroup<SampleRecord>, PreferencePair>
{
    public string Name => "prefs";

    public List<string> Seen { get; } = [];

    public Task<StageResult<PreferencePair>> ProcessAsync(PromptGroup<SampleRecord> input, CancellationToken cancellationToken)
    {
        lock (Seen) Seen.Add(input.Id);
        if (input.Items.Count < 2)
            return Task.FromResult(StageResult<PreferencePair>.Ok());
        var (a, b) = (input.Items[0], input.Items[1]);
        return Task.FromResult(StageResult<PreferencePair>.Ok(new PreferencePair
        {
            Id = input.Id + "-pair",
            Prompt = a.Messages,
            Chosen = [b.Response],
            Rejected = [a.Response],
            Source = PreferenceSource.Feedback,
        }));
    }
}
