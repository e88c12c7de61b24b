using Cai.Pipeline.Generate;
using Cai.Pipeline.Prompts;

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

    /// <summary>Generate stage options (the seed is <see cref="Seed"/>).</summary>
    public GenerateOptions Generate { get; init; } = new();

    /// <summary>Prompts answered at once.</summary>
    /// <value>The default value is 8.</value>
    public int GenerateParallelism { get; init; } = 8;

    /// <summary>Critique/revision rounds per sample; 0 skips revision (then only feedback pairs can be made).</summary>
    /// <value>The default value is the constitution's default (4 when it gives none).</value>
    public int? Rounds { get; init; }

    /// <summary>Samples revised at once.</summary>
    /// <value>The default value is 8.</value>
    public int ReviseParallelism { get; init; } = 8;

    /// <summary>
    /// Whether critique and revision prompts start with the constitution's few-shot examples; off for models whose
    /// context cannot hold them (stories260K's 512 tokens).
    /// </summary>
    /// <value>The default value is true.</value>
    public bool FewShot { get; init; } = true;

    /// <summary>The preference stage.</summary>
    public PairsConfig Pairs { get; init; } = new();

    /// <summary>Records buffered between stages.</summary>
    /// <value>The default value is 64.</value>
    public int ChannelCapacity { get; init; } = 64;

    /// <summary>
    /// The training steps run on the exported pairs, in order, each after the first starting from the model the step
    /// before it trained; empty when the config has no <c>train:</c> section.
    /// </summary>
    public IReadOnlyList<TrainStepConfig> Train { get; init; } = [];
}
