using System.Runtime.InteropServices;
using Cai.Cli.Progress;
using Cai.Core.Constitutions;
using Cai.Core.Runs;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Config;
using Cai.Pipeline.Prompts;
using Cai.Pipeline.Providers;
using Cai.Pipeline.Runner;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>
/// <c>cai run &lt;pipeline.yaml&gt; [--run-dir DIR] [--retry-failed] [--allow-failures] [--shard k/n] [--set key=value]...</c>: the whole
/// pipeline from one config. Rerunning the same command resumes; Ctrl+C (or SIGTERM) stops cleanly, keeping every
/// line written.
/// </summary>
internal static class RunCommand
{
    /// <summary>Exit code of a run stopped by Ctrl+C or SIGTERM (128 + SIGINT).</summary>
    public const int CancelledExitCode = 130;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var config = new Argument<string>("config") { Description = "The pipeline YAML file." };
        var runDir = new Option<string?>("--run-dir") { Description = "Run directory (overrides run_dir in the config)." };
        var retry = new Option<bool>("--retry-failed") { Description = "Process again the items in each <stage>.failed.jsonl." };
        var shard = new Option<string?>("--shard") { Description = "Process one hash partition k/n of the prompt ids (k from 0)." };
        var allowFailures = new Option<bool>("--allow-failures")
        {
            Description = "Exit 0 (with a warning) when some items failed; without it a run with failed items exits 3.",
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Override a config value, e.g. --set models.policy.spec=local:/models/x.bin or --set prompts.limit=5.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("run", "Run generate -> critique/revise -> preference pairs from a pipeline config; rerun to resume.")
        {
            config, runDir, retry, shard, set, allowFailures,
        };
        command.SetAction((parse, ct) => RunAsync(context, new RunRequest(parse.GetValue(config)!, parse.GetValue(runDir),
            parse.GetValue(retry), parse.GetValue(shard), parse.GetValue(set) ?? [], parse.GetValue(allowFailures)), ct));
        return command;
    }

    /// <summary>The parsed command line of <c>cai run</c>.</summary>
    internal sealed record RunRequest(string Config, string? RunDir, bool RetryFailed, string? Shard, string[] Set, bool AllowFailures = false);

    static async Task<int> RunAsync(CliContext context, RunRequest request, CancellationToken ct)
    {
        var config = Load(request);
        var shard = ParseShard(request.Shard);
        var runDir = request.RunDir is { } dir ? Path.GetFullPath(dir)
            : shard.Count > 1 ? Path.Combine(config.RunDir, $"shard-{shard.Index}-of-{shard.Count}") : config.RunDir;
        if (config.Train.Count > 0)
            RunTrainStep.Requests(config, runDir); // a bad train: options file fails now, not after the pipeline ran
        // Before anything in the directory is read or written (logs included): one writer per run directory.
        using var runLock = RunDirectoryLock.Acquire(runDir);
        var interactive = RunProgress.IsInteractive && !context.Quiet;
        // Console log lines written under Spectre's live display stall it; the bars show progress and the JSON log keeps every line.
        context.UseRunDirectory(runDir, console: !interactive);
        var loggerFactory = context.LoggerFactory;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop(stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop(stop));

        // A pipeline's threads: (on a local model role) counts unless --threads or CAI_THREADS says otherwise.
        context.UseTorchThreads(new[] { config.Policy, config.Critic, config.Reviser, config.Feedback }
            .Where(r => r.Parsed.Provider == ModelProvider.Local).Select(r => r.Threads).Max());
        using var clients = new ModelClients(Environment.GetEnvironmentVariable, loggerFactory, TimeProvider.System);
        ComposedPipeline pipeline;
        try
        {
            pipeline = PipelineComposer.Compose(config, runDir, clients, request.RetryFailed, loggerFactory, TimeProvider.System);
        }
        catch (Exception ex) when (ex is ConstitutionException or ArgumentException or FileNotFoundException or NotSupportedException
            or Cai.Pipeline.Providers.MissingApiKeyException or InvalidDataException or Cai.Models.Hub.HubDownloadException)
        {
            throw new CliException(ex.Message, inner: ex);
        }
        await using (pipeline.ConfigureAwait(false))
        {
            var runner = new PipelineRunner(runDir, pipeline.Steps,
                config.Runner with { Shard = shard, LogProgress = !interactive },
                TimeProvider.System, loggerFactory.CreateLogger<PipelineRunner>());
            Func<Task<RunOutcome>> run = () => runner.RunAsync(PromptSource.ReadAsync(config.Prompts, stop.Token), pipeline.Manifest, stop.Token);
            RunOutcome outcome;
            try
            {
                outcome = interactive
                    ? await RunProgress.ShowAsync(runner, run, Expected(pipeline, await CountPromptsAsync(config, shard, stop.Token)))
                    : await run();
            }
            catch (PromptSourceException ex)
            {
                throw new CliException(ex.Message, inner: ex);
            }
            if (outcome.Cancelled)
            {
                context.Error.WriteLine($"cancelled; rerun the same command to resume ({runDir})");
                return CancelledExitCode;
            }
            var exported = await RunExports.WriteAsync(config, runDir, loggerFactory.CreateLogger(typeof(RunExports).FullName!), stop.Token);
            Report(context, outcome, runDir, exported);
            var verdict = RunVerdict.Report(context, outcome, request.AllowFailures);
            if (verdict != ExitCodes.Success)
                return verdict;
        }
        return config.Train.Count == 0 ? ExitCodes.Success : await RunTrainStep.RunAsync(context, config, runDir, stop.Token);
    }

    static PipelineConfig Load(RunRequest request)
    {
        try
        {
            return PipelineConfigLoader.Load(request.Config, request.Set);
        }
        catch (PipelineConfigException ex)
        {
            throw new CliException(ex.Message, inner: ex);
        }
    }

    // One pass over the prompts file, only for the bars on a terminal: their maxima and remaining time need the total.
    static async Task<int> CountPromptsAsync(PipelineConfig config, Shard shard, CancellationToken ct)
    {
        var count = 0;
        await foreach (var prompt in PromptSource.ReadAsync(config.Prompts, ct))
            if (shard.Contains(prompt.Id))
                count++;
        return count;
    }

    static int[] Expected(ComposedPipeline pipeline, int prompts) => [.. pipeline.InputsPerPrompt.Select(n => n * prompts)];

    static Shard ParseShard(string? text)
    {
        try
        {
            return text is null ? Shard.All : Shard.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new CliException("--shard: " + ex.Message, inner: ex);
        }
    }

    static Action<PosixSignalContext> Stop(CancellationTokenSource stop) => signal =>
    {
        signal.Cancel = true; // stop cleanly instead of dying mid-write
        stop.Cancel();
    };

    static void Report(CliContext context, RunOutcome outcome, string runDir, IReadOnlyList<string> exported)
    {
        context.Output.WriteLine($"run {(outcome.Complete ? "complete" : "incomplete")}: {outcome.PromptsRead} prompts -> {runDir}");
        foreach (var (stage, summary) in outcome.Manifest.Stages)
            context.Output.WriteLine($"  {stage}: {summary.Written} written, {summary.Failed} failed");
        foreach (var file in exported)
            context.Output.WriteLine($"  exported {Path.GetRelativePath(runDir, file)}");
    }
}
