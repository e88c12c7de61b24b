using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Runner;
using Cai.Revise;

namespace Cai.Cli.Commands;

/// <summary><c>cai revise --in generate.jsonl --out DIR --constitution FILE --reviser SPEC</c>: N critique/revision rounds.</summary>
internal static class ReviseCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var common = new StageCommandOptions();
        var reviser = new Option<string>("--reviser") { Description = "Model spec that writes the revisions.", Required = true };
        var rounds = new Option<int?>("--rounds") { Description = "Rounds per sample (default: the constitution's)." };
        var noFewShot = new Option<bool>("--no-few-shot") { Description = "Leave the constitution's few-shot examples out of critique and revision prompts (for a small context)." };
        return StageCommandRunner.Create(context, common, "revise", "Critique and revise samples in rounds: writes revise.jsonl in --out.",
            [common.Constitution, common.Critic, reviser, rounds, noFewShot],
            (parse, clients, step, runDir) =>
            {
                var loaded = common.LoadConstitution(parse);
                var seed = parse.GetValue(common.Seed);
                var reviserSpec = parse.GetValue(reviser)!;
                var fewShot = !parse.GetValue(noFewShot);
                var stage = new RevisionChain(
                    PipelineComposer.CreateCritic(common.Role(parse, parse.GetValue(common.Critic)!), loaded, clients, fewShot),
                    clients.For(common.Role(parse, reviserSpec)), reviserSpec, new PrincipleSampler(loaded, seed).Next, loaded,
                    new ReviseOptions { Rounds = parse.GetValue(rounds), RunSeed = seed, FewShot = fewShot });
                return [new StageStep<SampleRecord, RevisedRecord>(stage, runDir, step, context.LoggerFactory)];
            },
            (_, input, token) => JsonlSource.ReadAsync<SampleRecord>(input, token));
    }
}
