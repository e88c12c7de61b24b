using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Critique;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Runner;

namespace Cai.Cli.Commands;

/// <summary><c>cai critique --in generate.jsonl --out DIR --constitution FILE [--critic SPEC]</c>: one critique round per sample.</summary>
internal static class CritiqueCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var common = new StageCommandOptions();
        var noFewShot = new Option<bool>("--no-few-shot") { Description = "Leave the constitution's few-shot examples out of a model critic's prompts (for a small context)." };
        return StageCommandRunner.Create(context, common, "critique", "Critique samples against a constitution: writes critique.jsonl in --out.",
            [common.Constitution, common.Critic, noFewShot],
            (parse, clients, step, runDir) =>
            {
                var loaded = common.LoadConstitution(parse);
                var seed = parse.GetValue(common.Seed);
                var stage = new CritiqueStage(
                    PipelineComposer.CreateCritic(common.Role(parse, parse.GetValue(common.Critic)!), loaded, clients, !parse.GetValue(noFewShot)),
                    new PrincipleSampler(loaded, seed).Next, loaded, new CritiqueStageOptions { RunSeed = seed });
                return [new StageStep<SampleRecord, RevisedRecord>(stage, runDir, step, context.LoggerFactory)];
            },
            (_, input, token) => JsonlSource.ReadAsync<SampleRecord>(input, token));
    }
}
