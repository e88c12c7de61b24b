using System.Text.Json;
using System.Text.Json.Nodes;
using Cai.Core.Constitutions;
using Cai.Core.Json;
using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Critique;
using Cai.Pipeline.Config;
using Cai.Pipeline.Generate;
using Cai.Pipeline.Runner;
using Cai.Revise;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Cai.Pipeline.Composition;

/// <summary>
/// Builds the stage graph of <c>cai run</c> from a <see cref="PipelineConfig"/>:
/// generate → revise (critique/revision chain, skipped when rounds is 0) → group by prompt → prefs.
/// </summary>
public static class PipelineComposer
{
    /// <summary>The name of the step that gathers a prompt's samples for the pair stage.</summary>
    public const string GroupStepName = "group";

    /// <summary>Builds the steps over <paramref name="runDir"/>, opening (or resuming) their files.</summary>
    /// <exception cref="ConstitutionException">The constitution file is missing or invalid.</exception>
    /// <exception cref="ArgumentException">
    /// The configuration asks for something the graph cannot do, or a local critic's or reviser's prompt cannot fit its
    /// context (<see cref="ContextBudgetCheck"/>).
    /// </exception>
    public static ComposedPipeline Compose(PipelineConfig config, string runDir, ModelClients clients, bool retryFailed,
        ILoggerFactory loggerFactory, TimeProvider time)
    {
        var constitution = ConstitutionLoader.LoadOrThrow(config.Constitution);
        var rounds = config.Revise.Rounds ?? constitution.Defaults.Rounds;
        if (rounds == 0 && config.Pairs.Modes.Contains(PairMode.Revision))
            throw new ArgumentException($"{config.SourcePath}: pairs.modes has 'revision' but revise.rounds is 0; revision pairs need at least one round.");
        if (rounds > 0)
            ContextBudgetCheck.Check(config, constitution, clients);
        var sampler = new PrincipleSampler(constitution, config.Seed);
        var step = new StageStepOptions { RetryFailed = retryFailed };
        var steps = new List<IPipelineStep>
        {
            new StageStep<PromptRecord, SampleRecord>(
                new GenerateStage(clients.For(config.Policy), config.Policy.SpecAsWritten, config.Generate), runDir,
                step with { MaxDegreeOfParallelism = config.Generate.MaxParallelism }, loggerFactory),
        };
        if (rounds > 0)
            steps.Add(new StageStep<SampleRecord, RevisedRecord>(
                new RevisionChain(CreateCritic(config.Critic, constitution, clients, config.Revise.FewShot), clients.For(config.Reviser),
                    config.Reviser.SpecAsWritten, sampler.Next, constitution, config.Revise with
                    {
                        Rounds = rounds,
                        RunSeed = config.Seed,
                        Chat = StageChat(config.Reviser, constitution),
                    }),
                runDir, step with { MaxDegreeOfParallelism = config.Revise.MaxParallelism }, loggerFactory));
        steps.Add(new GroupStep<SampleRecord>(GroupStepName, config.Generate.SamplesPerPrompt));
        steps.Add(new StageStep<SampleGroup, PreferencePair>(
            PairStageFactory.Create(config, constitution, clients), runDir,
            step with { MaxDegreeOfParallelism = config.Pairs.MaxParallelism }, loggerFactory));
        var samples = config.Generate.SamplesPerPrompt;
        int[] inputsPerPrompt = rounds > 0 ? [1, samples, samples, 1] : [1, samples, 1]; // a prompt, its samples, one group
        return new ComposedPipeline(steps, inputsPerPrompt, Manifest(config, runDir, constitution, time), constitution, clients);
    }

    /// <summary>The rules critic for <c>rules</c>, else a model critic over <paramref name="critic"/>'s client.</summary>
    /// <param name="critic">The critic role.</param>
    /// <param name="constitution">The constitution whose principles are critiqued.</param>
    /// <param name="clients">Where the critic model's client comes from.</param>
    /// <param name="fewShot">Whether a model critic's prompts start with the constitution's few-shot examples.</param>
    public static ICritic CreateCritic(ModelRoleConfig critic, Constitution constitution, ModelClients clients, bool fewShot = true) =>
        critic.Spec == RulesCritic.ModelName
            ? new RulesCritic()
            : new ModelCritic(clients.For(critic), critic.SpecAsWritten, constitution,
                StageChat(critic, constitution), fewShot);

    /// <summary>
    /// The sampling of a critique or revision call: the role's model settings, and the constitution's suggested
    /// <c>defaults:</c> for what they leave unset (null when neither sets anything: the provider's defaults).
    /// </summary>
    public static ChatOptions? StageChat(ModelRoleConfig role, Constitution constitution) =>
        role.Options.OrElse(constitution.Defaults).ToChatOptions();

    static RunManifest Manifest(PipelineConfig config, string runDir, Constitution constitution, TimeProvider time) =>
        RunManifest.Start(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(runDir))), time) with
        {
            // The directory the run really writes to (--run-dir or a shard's), not the config's run_dir.
            Config = JsonSerializer.SerializeToNode(config with { RunDir = Path.GetFullPath(runDir) }, CaiJson.Options) as JsonObject,
            Constitution = constitution.Name,
            ConstitutionHash = constitution.Hash,
            // Specs as written, before ${VAR} interpolation: keys live in environment variables and never reach the run directory.
            Models = new Dictionary<string, string>
            {
                ["policy"] = config.Policy.SpecAsWritten,
                ["critic"] = config.Critic.SpecAsWritten,
                ["reviser"] = config.Reviser.SpecAsWritten,
                ["feedback"] = config.Feedback.SpecAsWritten,
            },
            Seed = config.Seed,
        };
}
