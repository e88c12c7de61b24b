using Cai.Core.Records;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Config;
using Cai.Pipeline.Runner;
using Cai.Preference;

namespace Cai.Cli.Commands;

/// <summary>
/// <c>cai prefs --in revise.jsonl --out DIR --constitution FILE [--mode revision|feedback]... [--judge SPEC]</c>:
/// preference pairs from revised rows (revision mode needs them) or plain samples (feedback only).
/// </summary>
internal static class PrefsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var common = new StageCommandOptions();
        var modes = new Option<PairMode[]>("--mode") { Description = "How pairs are made (repeatable).", DefaultValueFactory = _ => [PairMode.Revision, PairMode.Feedback] }.WithChoices();
        var judge = new Option<string>("--judge") { Description = "Feedback judge: rules or a model spec with log-probs.", DefaultValueFactory = _ => "rules" };
        var samples = new Option<int>("--samples-per-prompt") { Description = "Samples per prompt (the group size).", DefaultValueFactory = _ => 2 };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Drop feedback pairs with |p - 0.5| below this.", DefaultValueFactory = _ => 0.05 };
        var ensemble = new Option<int>("--ensemble") { Description = "Principles sampled per feedback comparison.", DefaultValueFactory = _ => 1 };
        var pairing = new Option<FeedbackPairing>("--pairing")
        {
            Description = "Feedback comparisons per prompt: adjacent ((0,1), (2,3), ...) or all (every i < j).",
            DefaultValueFactory = _ => FeedbackPairing.Adjacent,
        }.WithChoices();
        var command = new Command("prefs", "Make preference pairs: writes prefs.jsonl in --out.")
        {
            common.Constitution, modes, judge, samples, minConfidence, ensemble, pairing,
        };
        common.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var pairModes = parse.GetChoice(modes);
            var pairs = new PairsConfig
            {
                Modes = pairModes,
                Feedback = new FeedbackOptions
                {
                    MinConfidence = parse.GetValue(minConfidence), Ensemble = parse.GetValue(ensemble), Pairing = parse.GetChoice(pairing),
                },
            };
            return StageCommandRunner.RunAsync(context, parse, common,
                (clients, step, runDir) =>
                {
                    var loaded = common.LoadConstitution(parse);
                    var stage = PairStageFactory.Create(pairs, common.Role(parse, parse.GetValue(judge)!), loaded,
                        parse.GetValue(common.Seed), clients, "cai prefs");
                    return
                    [
                        new GroupStep<SampleRecord>(PipelineComposer.GroupStepName, parse.GetValue(samples)),
                        new StageStep<SampleGroup, PreferencePair>(stage, runDir, step, context.LoggerFactory),
                    ];
                },
                (input, token) => pairModes.Contains(PairMode.Revision)
                    ? JsonlSource.ReadAsync<RevisedRecord>(input, token)
                    : JsonlSource.ReadAsync<SampleRecord>(input, token),
                ct);
        });
        return command;
    }
}
