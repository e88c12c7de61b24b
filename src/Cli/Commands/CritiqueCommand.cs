using Cai.Core.Judging;
using Cai.Core.Records;
using Cai.Critique;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Runner;
using Cai.Revise;

namespace Cai.Cli.Commands;

/// <summary><c>cai critique --in generate.jsonl --out DIR --constitution FILE [--critic SPEC]</c>: one critique round per sample.</summary>
internal static class CritiqueCommand
{
    /// <summary>
    /// Builds the command; <c>--few-shot</c>/<c>--no-few-shot</c> is <see cref="ReviseOptions.FewShot"/>, the option a
    /// config's <c>revise.few_shot</c> sets for the critic of a pipeline as for its reviser.
    /// </summary>
    public static Command Create(CliContext context)
    {
        var common = new StageCommandOptions();
        var revise = new OptionFlags<ReviseOptions>(keys: ["few_shot"]);
        return StageCommandRunner.Create(context, common, "critique", "Critique samples against a constitution: writes critique.jsonl in --out.",
            [common.Constitution, common.Critic, .. revise.All],
            (parse, clients, step, runDir) =>
            {
                var loaded = common.LoadConstitution(parse);
                var seed = parse.GetValue(common.Seed);
                var fewShot = revise.Apply(parse, new ReviseOptions()).FewShot;
                var stage = new CritiqueStage(
                    PipelineComposer.CreateCritic(common.Role(parse, parse.GetValue(common.Critic)!), loaded, clients, fewShot),
                    new PrincipleSampler(loaded, seed).Next, loaded, new CritiqueStageOptions { RunSeed = seed });
                return [new StageStep<SampleRecord, RevisedRecord>(stage, runDir, step, context.LoggerFactory)];
            },
            (_, input, token) => JsonlSource.ReadAsync<SampleRecord>(input, token));
    }
}
