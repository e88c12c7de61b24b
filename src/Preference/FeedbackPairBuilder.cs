using Cai.Core.Constitutions;
using Cai.Core.Judging;
using Cai.Core.Records;

namespace Cai.Preference;

/// <summary>
/// RL-CAI pairs from the samples of one prompt: samples are paired in index order, (0, 1), (2, 3), ... or every
/// i &lt; j (<see cref="FeedbackOptions.Pairing"/>), each pair is labelled by the judge under
/// <see cref="FeedbackOptions.Ensemble"/> principles drawn for the pair (seeded by the pair id), and the labels
/// are averaged. The more probable answer is chosen with <c>label_prob</c> = its
/// probability; pairs less confident than the threshold are dropped.
/// </summary>
public sealed class FeedbackPairBuilder : IPairBuilder<SampleGroup>
{
    readonly IPairwiseJudge judge;
    readonly Constitution constitution;
    readonly PrincipleSampler sampler;
    readonly FeedbackOptions options;

    const double ThresholdTolerance = 1e-9;

    /// <summary>A builder.</summary>
    /// <param name="judge">The feedback judge (<see cref="FeedbackLabeler"/> or <see cref="RulesPairwiseJudge"/>).</param>
    /// <param name="constitution">The constitution whose comparison questions are asked.</param>
    /// <param name="runSeed">The run seed principles are drawn from.</param>
    /// <param name="options">Ensemble size and confidence threshold; null for defaults.</param>
    public FeedbackPairBuilder(IPairwiseJudge judge, Constitution constitution, long runSeed, FeedbackOptions? options = null)
    {
        this.judge = judge ?? throw new ArgumentNullException(nameof(judge));
        this.constitution = constitution ?? throw new ArgumentNullException(nameof(constitution));
        sampler = new PrincipleSampler(constitution, runSeed);
        this.options = options ?? new FeedbackOptions();
        this.options.Validate();
    }

    /// <summary>The id of the pair comparing <paramref name="first"/> and <paramref name="second"/>.</summary>
    public static string PairId(SampleRecord first, SampleRecord second) => $"{first.Id}|{second.Id}";

    /// <summary>The candidate pairs of <paramref name="group"/>, each built or dropped.</summary>
    public async Task<IReadOnlyList<PairOutcome>> BuildAsync(SampleGroup group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.Samples.Count < 2)
            return [PairOutcome.Dropped(group.Id, PairRejection.TooFewSamples)];
        var outcomes = new List<PairOutcome>();
        foreach (var (i, j) in Candidates(group.Samples.Count, options.Pairing))
            outcomes.Add(await LabelAsync(group, group.Samples[i], group.Samples[j], cancellationToken).ConfigureAwait(false));
        return outcomes;
    }

    /// <summary>The sample-index pairs compared for a group of <paramref name="count"/> samples, in a fixed order.</summary>
    public static IEnumerable<(int First, int Second)> Candidates(int count, FeedbackPairing pairing)
    {
        if (pairing == FeedbackPairing.Adjacent)
        {
            for (var i = 0; i + 1 < count; i += 2)
                yield return (i, i + 1);
            yield break;
        }
        for (var i = 0; i < count; i++)
            for (var j = i + 1; j < count; j++)
                yield return (i, j);
    }

    async Task<PairOutcome> LabelAsync(SampleGroup group, SampleRecord first, SampleRecord second, CancellationToken ct)
    {
        var id = PairId(first, second);
        var principles = sampler.Sequence(id, options.Ensemble);
        var sum = 0.0;
        foreach (var principle in principles)
            sum += (await judge.CompareAsync(group.Messages, first.Response.Content, second.Response.Content, principle, ct)
                .ConfigureAwait(false)).ProbabilityFirstBetter;
        var p = sum / principles.Count;
        // Labels are means of fractions: 0.5 - 0.45 is 0.04999... in floating point while 0.55 - 0.5 is 0.05000...,
        // so without a tolerance a one-principle win of the second answer fell under a 0.05 threshold and one of the
        // first did not, and nearly every kept pair chose the first sample.
        if (Math.Abs(p - 0.5) < options.MinConfidence - ThresholdTolerance)
            return PairOutcome.Dropped(id, PairRejection.LowConfidence);
        var (chosen, rejected) = p >= 0.5 ? (first, second) : (second, first);
        return PairOutcome.Kept(new PreferencePair
        {
            Id = id,
            Prompt = group.Messages,
            Chosen = [chosen.Response],
            Rejected = [rejected.Response],
            Source = PreferenceSource.Feedback,
            LabelProb = Math.Max(p, 1 - p),
            PrincipleIds = [.. principles.Select(pr => pr.Id)],
            Lineage = new Lineage
            {
                Constitution = constitution.Name,
                ConstitutionHash = constitution.Hash,
                PrincipleIds = [.. principles.Select(pr => pr.Id)],
                Models = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["policy"] = first.Model, ["feedback"] = judge.Name },
                Sampling = first.Sampling,
                Seed = sampler.ItemSeed(id),
            },
        });
    }
}
