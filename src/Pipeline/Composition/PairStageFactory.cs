using Cai.Core.Constitutions;
using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Pipeline.Config;
using Cai.Preference;

namespace Cai.Pipeline.Composition;

/// <summary>Creates the <c>prefs</c> step of a run from the <c>pairs</c> section of the config.</summary>
public static class PairStageFactory
{
    /// <summary>The pair stage for <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">An option the feedback labeler cannot honour.</exception>
    public static PairsStage Create(PipelineConfig config, Constitution constitution, ModelClients clients) =>
        Create(config.Pairs, config.Feedback, constitution, config.Seed, clients, config.SourcePath);

    /// <summary>The pair stage for <paramref name="pairs"/>, labelling feedback pairs with <paramref name="feedbackModel"/>.</summary>
    /// <param name="pairs">Modes, feedback options and filters.</param>
    /// <param name="feedbackModel">The feedback judge: <c>rules</c> or a model with log-probs.</param>
    /// <param name="constitution">The constitution whose principles and checks judge.</param>
    /// <param name="seed">The run seed principles are drawn from.</param>
    /// <param name="clients">Where model clients come from.</param>
    /// <param name="source">Names the configuration in error messages.</param>
    /// <exception cref="ArgumentException">An option outside its range, or one the feedback labeler cannot honour.</exception>
    public static PairsStage Create(PairsConfig pairs, ModelRoleConfig feedbackModel, Constitution constitution, long seed,
        ModelClients clients, string source)
    {
        pairs.Validate();
        var filter = pairs.Filters;
        var revision = pairs.Modes.Contains(PairMode.Revision)
            ? new PairStage<RevisedRecord>(new RevisionPairBuilder(), new PairFilter(filter), PairsStage.StageName)
            : null;
        PairStage<SampleGroup>? feedback = null;
        if (pairs.Modes.Contains(PairMode.Feedback))
        {
            if (!pairs.Feedback.BothOrders)
                throw new ArgumentException($"{source}: pairs.feedback.both_orders: false is not supported; the labeler always asks both orders.");
            var options = pairs.Feedback;
            IPairwiseJudge judge = feedbackModel.Spec == "rules"
                ? new RulesPairwiseJudge(constitution)
                : new FeedbackLabeler(new ChatClientChoiceLogProbs(clients.For(feedbackModel)), feedbackModel.SpecAsWritten, options,
                    pairs.Feedback.Cot ? clients.For(feedbackModel) : null);
            feedback = new PairStage<SampleGroup>(new FeedbackPairBuilder(judge, constitution, seed, options),
                new PairFilter(filter), PairsStage.StageName);
        }
        return new PairsStage(revision, feedback);
    }
}
