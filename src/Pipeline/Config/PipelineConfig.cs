using Cai.Pipeline.Generate;
using Cai.Pipeline.Prompts;
using Cai.Pipeline.Runner;
using Cai.Revise;

namespace Cai.Pipeline.Config;

/// <summary>
/// A whole pipeline from one YAML file (see <see cref="PipelineConfigLoader"/>): prompts, constitution, models by
/// role, stage options, run directory and seed. Paths are already resolved against the config file's folder.
/// </summary>
public sealed record PipelineConfig
{
    /// <summary>The config file this was read from (full path).</summary>
    public required string SourcePath { get; init; }

    /// <summary>The run directory.</summary>
    public required string RunDir { get; init; }

    /// <summary>The run seed.</summary>
    /// <value>The default value is 0.</value>
    public long Seed { get; init; }

    /// <summary>Where prompts come from.</summary>
    public required PromptSourceOptions Prompts { get; init; }

    /// <summary>The constitution YAML file.</summary>
    public required string Constitution { get; init; }

    /// <summary>The policy model that answers prompts.</summary>
    public required ModelRoleConfig Policy { get; init; }

    /// <summary>The critic model; <c>rules</c> when absent.</summary>
    public required ModelRoleConfig Critic { get; init; }

    /// <summary>The model that writes revisions; the critic, or the policy when the critic is <c>rules</c>, when absent.</summary>
    public required ModelRoleConfig Reviser { get; init; }

    /// <summary>The model labelling feedback pairs; the critic when absent.</summary>
    public required ModelRoleConfig Feedback { get; init; }

    /// <summary>The generate stage's options (<c>generate:</c>; the seed is <see cref="Seed"/>).</summary>
    public GenerateOptions Generate { get; init; } = new();

    /// <summary>
    /// The revise stage's options (<c>revise:</c>): rounds (the constitution's default when null; 0 skips revision),
    /// few-shot examples, parallelism. The composer sets the run seed and the reviser's chat options.
    /// </summary>
    public ReviseOptions Revise { get; init; } = new();

    /// <summary>The preference stage.</summary>
    public PairsConfig Pairs { get; init; } = new();

    /// <summary>How records move between stages (<c>runner:</c>); the command sets the shard and progress reporting.</summary>
    public RunnerOptions Runner { get; init; } = new();

    /// <summary>
    /// The training steps run on the exported pairs, in order, each after the first starting from the model the step
    /// before it trained; empty when the config has no <c>train:</c> section.
    /// </summary>
    public IReadOnlyList<TrainStepConfig> Train { get; init; } = [];
}
