using Cai.Cli.Hosting;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Config;
using Cai.Pipeline.Providers;
using Cai.Train.Options;

namespace Cai.Cli.Commands;

/// <summary>
/// The <c>train:</c> section of <c>cai run</c>: trains the local policy on the files the run exported, through the same
/// <see cref="TrainRequest"/> and <see cref="TrainRunner"/> as <c>cai train</c> (so options, checkpoints, metrics and
/// resume behave identically). Each step trains on its export (<c>sft</c>: <c>pairs/sft.jsonl</c>, <c>dpo</c>:
/// <c>pairs/train.jsonl</c>, <c>kto</c>: <c>pairs/train.kto.jsonl</c>) and evaluates on the matching held-out export,
/// never on a second split; a chain's later steps start from the model the step before trained. Rerunning
/// <c>cai run</c> resumes each step from its latest checkpoint, or starts it over when its data changed.
/// </summary>
internal static class RunTrainStep
{
    /// <summary>
    /// The requests of the config's steps, options files read (so a bad one fails before the pipeline runs). The
    /// first step renders prompts in the policy's own chat format, the one the run's local policy generated with;
    /// <see cref="RunAsync"/> passes each step's format and data hash on to the next.
    /// </summary>
    public static IReadOnlyList<TrainRequest> Requests(PipelineConfig config, string runDir)
    {
        if (config.Train.Count == 0)
            throw new InvalidOperationException("the config has no train section");
        if (config.Policy.Parsed.Provider != ModelProvider.Local)
            throw new CliException($"{config.SourcePath}: train: the policy must be a local: model to be trained (got '{config.Policy.Spec}')");
        var pairs = Path.Combine(runDir, "pairs");
        var model = config.Policy.Parsed.Model;
        var requests = new List<TrainRequest>();
        foreach (var step in config.Train)
        {
            var name = step.Trainer.ToString().ToLowerInvariant();
            var (options, data, eval) = step.Trainer switch
            {
                TrainStepKind.Sft => ((TrainingOptions)TrainConfigFile.Load<SftOptions>(step.OptionsFile), RunExports.SftFile, RunExports.SftTestFile),
                TrainStepKind.Kto => (TrainConfigFile.Load<KtoOptions>(step.OptionsFile), "train.kto.jsonl", "test.kto.jsonl"),
                _ => (TrainConfigFile.Load<DpoOptions>(step.OptionsFile), "train.jsonl", "test.jsonl"),
            };
            var output = step.Out ?? (config.Train.Count == 1 ? Path.Combine(runDir, "train") : Path.Combine(runDir, "train", name));
            requests.Add(new TrainRequest
            {
                Options = options, Model = model, Data = Path.Combine(pairs, data), Out = output,
                EvalData = Path.Combine(pairs, eval), EvalSplit = 0, Resume = true,
            });
            model = output;
        }
        return requests;
    }

    /// <summary>Runs the steps in order; returns the exit code.</summary>
    public static Task<int> RunAsync(CliContext context, PipelineConfig config, string runDir, CancellationToken cancellationToken)
    {
        var steps = Requests(config, runDir);
        TrainResult? previous = null;
        foreach (var step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!File.Exists(step.Data))
                throw new CliException($"{config.SourcePath}: train: {step.Data} was not exported; add {ExportOf(step)} to pairs.exports");
            if (!File.ReadLines(step.Data).Any(line => line.Trim().Length > 0))
            {
                context.Output.WriteLine($"training skipped: the run exported no training {(step.Options is SftOptions ? "rows" : "pairs")} for {step.Trainer} ({step.Data} is empty)");
                continue;
            }
            var request = step with
            {
                Model = previous?.ModelDir ?? steps[0].Model, // a skipped step leaves the model as it was
                EvalData = File.Exists(step.EvalData) ? step.EvalData : null,
                ChatFormat = previous?.ChatFormat,
                UpstreamDataHash = previous?.DataHash,
            };
            context.Output.WriteLine($"training: {request.Trainer} on {request.Data} from {request.Model} -> {request.Out}");
            previous = new TrainRunner(context).Run(request);
        }
        return Task.FromResult(ExitCodes.Success);
    }

    static string ExportOf(TrainRequest step) => step.Options switch
    {
        SftOptions => "sft",
        KtoOptions => "kto",
        _ => "jsonl",
    };
}
