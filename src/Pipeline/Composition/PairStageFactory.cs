using Cai.Core.Constitutions;
using Cai.Pipeline.Config;
using Cai.Preference;

namespace Cai.Pipeline.Composition;

/// <summary>Creates the <c>prefs</c> step of a run from the <c>pairs</c> section of the config.</summary>
public static class PairStageFactory
{
    /// <summary>The pair stage for <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">An option the feedback labeler cannot honour.</exception>
    public static PairsStage Create(PipelineConfig config, Constitution constitution, ModelClients clients)
    {
        var pairs = config.Pairs;
        var filter = new PairFilterOptions { MaxChars = pairs.Filters.MaxLength, DropDuplicates = pairs.Filters.DropDuplicates };
        var revision = pairs.Modes.Contains(PairMode.Revision)
            ? new RevisionPairStage(new RevisionPairBuilder(), new PairFilter(filter), PairsStage.StageName)
            : null;
        FeedbackPairStage? feedback = null;
        if (pairs.Modes.Contains(PairMode.Feedback))
        {
            if (!pairs.Feedback.BothOrders)
                throw new ArgumentException($"{config.SourcePath}: pairs.feedback.both_orders: false is not supported; the labeler always asks both orders.");
            var options = new FeedbackOptions
            {
                EnsembleSize = pairs.Feedback.Ensemble,
                ConfidenceThreshold = pairs.Feedback.MinConfidence,
                ChainOfThought = pairs.Feedback.Cot,
                CotClampMin = pairs.Feedback.ClampMin,
                CotClampMax = pairs.Feedback.ClampMax,
            };
            IFeedbackJudge judge = config.Feedback.Spec == "rules"
                ? new RulesFeedbackJudge()
                : new FeedbackLabeler(new ChatClientChoiceLogProbs(clients.For(config.Feedback)), config.Feedback.Spec, options,
                    pairs.Feedback.Cot ? clients.For(config.Feedback) : null);
            feedback = new FeedbackPairStage(new FeedbackPairBuilder(judge, constitution, config.Seed, options),
                new PairFilter(filter), PairsStage.StageName);
        }
        return new PairsStage(revision, feedback);
    }
}
