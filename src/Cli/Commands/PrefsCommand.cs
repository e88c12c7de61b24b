using Cai.Core.Records;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Config;
using Cai.Pipeline.Generate;
using Cai.Pipeline.Runner;
using Cai.Preference;

namespace Cai.Cli.Commands;

/// <summary>
/// <c>cai prefs --in revise.jsonl --out DIR --constitution FILE [--mode revision|feedback]... [--judge SPEC]</c>:
/// preference pairs from revised rows (revision mode needs them) or plain samples (feedback only).
/// </summary>
internal static class PrefsCommand
{
    /// <summary>
    /// Builds the command; its defaults are <see cref="PairsConfig"/>'s, and <c>--min-confidence</c>, <c>--ensemble</c> and
    /// <c>--pairing</c> are <see cref="FeedbackOptions"/>'s, as a config's <c>pairs.feedback</c> names them.
    /// </summary>
    public static Command Create(CliContext context)
    {
        var common = new StageCommandOptions();
        var defaults = new PairsConfig();
        var modes = new Option<PairMode[]>("--mode") { Description = "How pairs are made (repeatable).", DefaultValueFactory = _ => [.. defaults.Modes] }.WithChoices();
        var judge = new Option<string>("--judge") { Description = "Feedback judge: rules or a model spec with log-probs.", DefaultValueFactory = _ => "rules" };
        var samples = new Option<int>("--samples-per-prompt")
        {
            Description = "Samples per prompt (the group size).", DefaultValueFactory = _ => new GenerateOptions().SamplesPerPrompt,
        };
        var feedback = new OptionFlags<FeedbackOptions>(keys: ["min_confidence", "ensemble", "pairing"]);
        return StageCommandRunner.Create(context, common, "prefs", "Make preference pairs: writes prefs.jsonl in --out.",
            [common.Constitution, modes, judge, samples, .. feedback.All],
            (parse, clients, step, runDir) =>
            {
                var pairs = defaults with { Modes = parse.GetChoice(modes), Feedback = feedback.Apply(parse, defaults.Feedback) };
                var loaded = common.LoadConstitution(parse);
                var stage = PairStageFactory.Create(pairs, common.Role(parse, parse.GetValue(judge)!), loaded,
                    parse.GetValue(common.Seed), clients, "cai prefs");
                return
                [
                    new GroupStep<SampleRecord>(PipelineComposer.GroupStepName, parse.GetValue(samples)),
                    new StageStep<SampleGroup, PreferencePair>(stage, runDir, step, context.LoggerFactory),
                ];
            },
            (parse, input, token) => parse.GetChoice(modes).Contains(PairMode.Revision)
                ? JsonlSource.ReadAsync<RevisedRecord>(input, token)
                : JsonlSource.ReadAsync<SampleRecord>(input, token));
    }
}
