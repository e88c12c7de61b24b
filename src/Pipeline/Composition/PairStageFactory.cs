using Cai.Core.Constitutions;
using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Core.Stages;
using Cai.Pipeline.Config;
using Cai.Pipeline.Runner;

namespace Cai.Pipeline.Composition;

/// <summary>Creates the pair stage of a run from the <c>pairs</c> section of the config.</summary>
public static class PairStageFactory
{
    /// <summary>The pair stage for <paramref name="config"/>.</summary>
    /// <exception cref="NotSupportedException">Feedback pairs from a model judge, which this build cannot label yet.</exception>
    public static IStage<PromptGroup<SampleRecord>, PreferencePair> Create(PipelineConfig config, Constitution constitution,
        PrincipleSampler sampler, ModelClients clients)
    {
        if (config.Pairs.Modes.Contains(PairMode.Feedback) && config.Feedback.Spec != "rules")
            throw new NotSupportedException(
                $"{config.SourcePath}: feedback pairs labelled by '{config.Feedback.Spec}' are not supported yet; use models.feedback: rules.");
        return new GroupPairStage(config.Pairs, constitution, sampler);
    }
}
