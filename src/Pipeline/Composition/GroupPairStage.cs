using Cai.Core.Constitutions;
using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Core.Stages;
using Cai.Pipeline.Config;
using Cai.Pipeline.Runner;

namespace Cai.Pipeline.Composition;

/// <summary>
/// The <c>prefs</c> stage over one prompt's samples. Revision pairs (SL-CAI): chosen = the final revision, rejected =
/// the initial response, for each revised sample whose revision changed the text and carries no quality flag.
/// Feedback pairs (RL-CAI) with the rules judge: every two samples of the prompt are compared on an ensemble of
/// principles drawn per pair; a principle prefers the answer that passes its checks when the other fails them, and the
/// label is the mean preference. Ties carry no preference and are dropped, as are labels under min_confidence.
/// </summary>
public sealed class GroupPairStage(PairsConfig options, Constitution constitution, PrincipleSampler sampler)
    : IStage<PromptGroup<SampleRecord>, PreferencePair>
{
    /// <summary>The stage name and output file stem.</summary>
    public const string StageName = "prefs";

    /// <inheritdoc />
    public string Name => StageName;

    /// <inheritdoc />
    public Task<StageResult<PreferencePair>> ProcessAsync(PromptGroup<SampleRecord> input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        var pairs = new List<PreferencePair>();
        if (options.Modes.Contains(PairMode.Revision))
            pairs.AddRange(input.Items.OfType<RevisedRecord>().Select(RevisionPair).OfType<PreferencePair>());
        if (options.Modes.Contains(PairMode.Feedback))
            for (var i = 0; i < input.Items.Count; i++)
                for (var j = i + 1; j < input.Items.Count; j++)
                    if (FeedbackPair(input.Items[i], input.Items[j]) is { } pair)
                        pairs.Add(pair);
        return Task.FromResult(StageResult<PreferencePair>.Ok(pairs));
    }

    PreferencePair? RevisionPair(RevisedRecord row)
    {
        var final = row.Final.Content.Trim();
        if (row.Flags is { Count: > 0 } || final.Length == 0 || final == row.Response.Content.Trim())
            return null;
        return new PreferencePair
        {
            Id = row.Id + "-rev",
            Prompt = row.Messages,
            Chosen = [row.Final],
            Rejected = [row.Response],
            Source = PreferenceSource.Revision,
            PrincipleIds = [.. row.Rounds.Select(r => r.PrincipleId)],
            Lineage = row.Lineage,
        };
    }

    PreferencePair? FeedbackPair(SampleRecord a, SampleRecord b)
    {
        var id = $"{a.Id}-vs-{b.SampleIndex}";
        var principles = sampler.Sequence(id, Math.Min(options.Feedback.Ensemble, constitution.Principles.Count));
        // P(a better) under each principle: 1 when only b breaks its checks, 0 when only a does, 0.5 otherwise.
        var p = principles.Average(x => (x.Evaluate(a.Response.Content).Violated, x.Evaluate(b.Response.Content).Violated) switch
        {
            (false, true) => 1.0,
            (true, false) => 0.0,
            _ => 0.5,
        });
        if (p == 0.5 || Math.Abs(p - 0.5) * 2 < options.Feedback.MinConfidence)
            return null;
        var (chosen, rejected) = p > 0.5 ? (a, b) : (b, a);
        if (chosen.Response.Content.Trim() == rejected.Response.Content.Trim())
            return null;
        return new PreferencePair
        {
            Id = id,
            Prompt = a.Messages,
            Chosen = [chosen.Response],
            Rejected = [rejected.Response],
            Source = PreferenceSource.Feedback,
            LabelProb = Math.Max(p, 1 - p),
            PrincipleIds = [.. principles.Select(x => x.Id)],
            Lineage = new Lineage
            {
                Constitution = constitution.Name,
                ConstitutionHash = constitution.Hash,
                PrincipleIds = [.. principles.Select(x => x.Id)],
                Models = new Dictionary<string, string> { ["policy"] = a.Model, ["feedback"] = "rules" },
                Seed = sampler.ItemSeed(id),
            },
        };
    }
}
