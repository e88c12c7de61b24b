using Cai.Core.Constitutions;
using Cai.Core.Records;
using Cai.Core.Runs;
using Cai.Pipeline.Composition;
using Cai.Pipeline.Config;
using Cai.Pipeline.Providers;
using Cai.Pipeline.Runner;
using Microsoft.Extensions.Logging;

namespace Cai.Cli.Commands;

/// <summary>Runs one stage (the same classes <c>cai run</c> composes) over an input file into an output directory.</summary>
internal static class StageCommandRunner
{
    /// <summary>
    /// A single-stage command: its <paramref name="own"/> options, then those every stage command shares; its action runs
    /// the steps <paramref name="build"/> makes over the records <paramref name="read"/> reads from <c>--in</c>.
    /// </summary>
    public static Command Create(CliContext context, StageCommandOptions common, string name, string description, IEnumerable<Option> own,
        Func<ParseResult, ModelClients, StageStepOptions, string, IReadOnlyList<IPipelineStep>> build,
        Func<ParseResult, string, CancellationToken, IAsyncEnumerable<IRecord>> read)
    {
        var command = new Command(name, description);
        foreach (var option in own)
            command.Add(option);
        common.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(context, parse, common, (clients, step, runDir) => build(parse, clients, step, runDir),
            (input, token) => read(parse, input, token), ct));
        return command;
    }

    /// <summary>Builds the steps with <paramref name="build"/> and runs them over <paramref name="inputs"/>.</summary>
    static async Task<int> RunAsync(CliContext context, ParseResult parse, StageCommandOptions common,
        Func<ModelClients, StageStepOptions, string, IReadOnlyList<IPipelineStep>> build,
        Func<string, CancellationToken, IAsyncEnumerable<IRecord>> inputs, CancellationToken ct)
    {
        var runDir = Path.GetFullPath(parse.GetValue(common.Out)!);
        var input = parse.GetValue(common.In)!;
        if (!File.Exists(input))
            throw new CliException($"Input file not found: '{input}'");
        Shard shard;
        try { shard = parse.GetValue(common.Shard) is { } s ? Shard.Parse(s) : Shard.All; }
        catch (FormatException ex) { throw new CliException("--shard: " + ex.Message, inner: ex); }
        using var runLock = RunDirectoryLock.Acquire(runDir); // before anything in the directory is read or written
        context.UseRunDirectory(runDir);
        var loggerFactory = context.LoggerFactory;
        context.UseTorchThreads();
        using var clients = new ModelClients(Environment.GetEnvironmentVariable, loggerFactory, TimeProvider.System);
        var step = new StageStepOptions { MaxDegreeOfParallelism = parse.GetValue(common.Parallelism), RetryFailed = parse.GetValue(common.RetryFailed) };
        IReadOnlyList<IPipelineStep> steps;
        try
        {
            steps = build(clients, step, runDir);
        }
        catch (Exception ex) when (ex is ConstitutionException or ArgumentException or ModelSpecException or MissingApiKeyException or InvalidOperationException
                                       or FileNotFoundException or NotSupportedException or InvalidDataException)
        {
            throw new CliException(ex.Message, inner: ex);
        }
        try
        {
            var runner = new PipelineRunner(runDir, steps, new RunnerOptions { Shard = shard }, TimeProvider.System,
                loggerFactory.CreateLogger<PipelineRunner>());
            var manifest = RunManifest.Start(Path.GetFileName(runDir), TimeProvider.System) with { Seed = parse.GetValue(common.Seed) };
            RunOutcome outcome;
            try
            {
                outcome = await runner.RunAsync(inputs(input, ct), manifest, ct);
            }
            catch (InvalidDataException ex)
            {
                throw new CliException(ex.Message, inner: ex);
            }
            foreach (var (stage, summary) in outcome.Manifest.Stages)
                context.Output.WriteLine($"{stage}: {summary.Written} written, {summary.Failed} failed -> {runDir}");
            return outcome.Cancelled ? RunCommand.CancelledExitCode : RunVerdict.Report(context, outcome, parse.GetValue(common.AllowFailures));
        }
        finally
        {
            foreach (var s in steps)
                await s.DisposeAsync();
        }
    }
}
