using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Runner;
using Cai.Revise;

namespace Cai.Cli.Commands;

/// <summary>
/// <c>cai revise --in generate.jsonl --out DIR --constitution FILE --reviser SPEC</c>: N critique/revision rounds. Rows
/// that already have rounds (<c>cai critique</c>'s critique.jsonl) continue from them, their pending critique revised first.
/// </summary>
internal static class ReviseCommand
{
    /// <summary>Builds the command; <c>--rounds</c> and <c>--few-shot</c>/<c>--no-few-shot</c> are <see cref="ReviseOptions"/>'s, as a config's <c>revise:</c> names them.</summary>
    public static Command Create(CliContext context)
    {
        var common = new StageCommandOptions();
        var reviser = new Option<string>("--reviser") { Description = "Model spec that writes the revisions.", Required = true };
        var revise = new OptionFlags<ReviseOptions>(keys: ["rounds", "few_shot"]);
        return StageCommandRunner.Create(context, common, "revise", "Critique and revise samples in rounds: writes revise.jsonl in --out.",
            [common.Constitution, common.Critic, reviser, .. revise.All],
            (parse, clients, step, runDir) =>
            {
                var loaded = common.LoadConstitution(parse);
                var seed = parse.GetValue(common.Seed);
                var reviserSpec = parse.GetValue(reviser)!;
                var reviserRole = common.Role(parse, reviserSpec);
                // --parallelism, which every stage command takes, is this record's max_parallelism; the sampling is
                // resolved as cai run resolves it (the role's settings, then the constitution's suggestions).
                var options = revise.Apply(parse, new ReviseOptions()) with
                {
                    RunSeed = seed, MaxParallelism = step.MaxDegreeOfParallelism, Chat = PipelineComposer.StageChat(reviserRole, loaded),
                };
                var stage = new RevisionChain(
                    PipelineComposer.CreateCritic(common.Role(parse, parse.GetValue(common.Critic)!), loaded, clients, options.FewShot),
                    clients.For(reviserRole), reviserSpec, new PrincipleSampler(loaded, seed).Next, loaded, options);
                return [new StageStep<SampleRecord, RevisedRecord>(stage, runDir, step, context.LoggerFactory)];
            },
            (_, input, token) => JsonlSource.ReadSamplesAsync(input, token));
    }
}
