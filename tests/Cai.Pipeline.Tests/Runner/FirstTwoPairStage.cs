using Cai.Core.Records;
using Cai.Core.Stages;

namespace Cai.Pipeline.Tests.Runner;

/// <summary>A hand-written pair stage: the first two samples of a group, the second one preferred.</summary>
internal sealed class FirstTwoPairStage : IStage<SampleGroup, PreferencePair>
{
    public string Name => "prefs";

    public List<string> Seen { get; } = [];

    public Task<StageResult<PreferencePair>> ProcessAsync(SampleGroup input, CancellationToken cancellationToken)
    {
        lock (Seen) Seen.Add(input.Id);
        if (input.Samples.Count < 2)
            return Task.FromResult(StageResult<PreferencePair>.Ok());
        var (a, b) = (input.Samples[0], input.Samples[1]);
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
