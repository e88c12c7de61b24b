using System.CommandLine;
using Cai.Cli.Hosting;
using Cai.Pipeline.Config;
using Cai.Pipeline.Providers;

namespace Cai.Cli.Commands;

/// <summary>
/// The <c>train:</c> step of <c>cai run</c>: trains the local policy on the pairs the run exported, through the same
/// <c>cai train</c> command a user would type (so options, checkpoints, metrics and resume behave identically).
/// Rerunning <c>cai run</c> resumes the training from its latest checkpoint.
/// </summary>
internal static class RunTrainStep
{
    /// <summary>The arguments of the equivalent <c>cai train</c> command line.</summary>
    public static string[] Arguments(PipelineConfig config, string runDir)
    {
        var step = config.Train ?? throw new InvalidOperationException("the config has no train section");
        if (config.Policy.Parsed.Provider != ModelProvider.Local)
            throw new CliException($"{config.SourcePath}: train: the policy must be a local: model to be trained (got '{config.Policy.Spec}')");
        var (kind, data) = step.Trainer switch
        {
            TrainStepKind.Kto => ("kto", Path.Combine(runDir, "pairs", "train.kto.jsonl")),
            _ => ("dpo", Path.Combine(runDir, "pairs", "train.jsonl")),
        };
        if (!File.Exists(data))
            throw new CliException($"{config.SourcePath}: train: {data} was not exported; add {(kind == "kto" ? "kto" : "jsonl")} to pairs.exports");
        List<string> args = ["train", kind, "--model", config.Policy.Parsed.Model, "--data", data,
            "--out", step.Out ?? Path.Combine(runDir, "train"), "--resume"];
        if (step.OptionsFile is { } options)
            args.AddRange(["--config", options]);
        return [.. args];
    }

    /// <summary>Runs the step; returns the trainer's exit code.</summary>
    public static Task<int> RunAsync(CliContext context, PipelineConfig config, string runDir, CancellationToken cancellationToken)
    {
        var args = Arguments(config, runDir);
        var data = args[Array.IndexOf(args, "--data") + 1];
        if (!File.ReadLines(data).Any(line => line.Trim().Length > 0))
        {
            context.Output.WriteLine($"training skipped: the run exported no training pairs ({data} is empty)");
            return Task.FromResult(ExitCodes.Success);
        }
        context.Output.WriteLine($"training: cai {string.Join(' ', args)}");
        return CaiApp.BuildRootCommand(context).Parse(args).InvokeAsync(
            new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false },
            cancellationToken);
    }
}
